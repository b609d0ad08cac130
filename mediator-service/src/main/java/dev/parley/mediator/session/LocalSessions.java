package dev.parley.mediator.session;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The D2M connections of this node: all of them, and the admitted ones by group and device. */
@Component
public class LocalSessions {

    private final Set<D2mSession> all = ConcurrentHashMap.newKeySet();
    private final Map<String, Map<Long, D2mSession>> groups = new ConcurrentHashMap<>();

    void opened(D2mSession session) {
        all.add(session);
    }

    /** Returns the connection of the same device this one replaces on this node, if any. */
    D2mSession admitted(D2mSession session) {
        return groups.computeIfAbsent(session.groupHex(), g -> new ConcurrentHashMap<>())
                .put(session.deviceId(), session);
    }

    void closed(D2mSession session) {
        all.remove(session);
        groups.computeIfPresent(session.groupHex(), (g, devices) -> {
            devices.remove(session.deviceId(), session);
            return devices.isEmpty() ? null : devices;
        });
    }

    public Collection<D2mSession> all() {
        return all;
    }

    public Collection<D2mSession> group(String groupHex) {
        Map<Long, D2mSession> devices = groups.get(groupHex);
        return devices == null ? List.of() : devices.values();
    }

    public D2mSession device(String groupHex, long deviceId) {
        Map<Long, D2mSession> devices = groups.get(groupHex);
        return devices == null ? null : devices.get(deviceId);
    }

    public Set<String> groupIds() {
        return groups.keySet();
    }

    public int size() {
        return all.size();
    }
}
