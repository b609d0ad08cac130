package dev.parley.directory.work;

import dev.parley.directory.web.BadRequestException;
import dev.parley.directory.web.JsonRequest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The Work endpoints (PROTOCOLS.md §1.9): {@code fetch2} (sync), {@code identities} (which of
 * my contacts are colleagues) and {@code directory} (search). Bad credentials are 401, bad
 * requests 400. Contacts carry their organisation so clients show them as internal.
 */
@RestController
public class WorkController {

    static final int CHECK_INTERVAL_SECONDS = 86_400;
    static final int MAX_CONTACTS = 5000;
    static final int PAGE_SIZE = 20;
    private static final int MAX_FIELD = 256;

    private final WorkService work;

    public WorkController(WorkService work) {
        this.work = work;
    }

    @PostMapping("fetch2")
    public Mono<Map<String, Object>> fetch2(@RequestBody JsonNode body) {
        JsonRequest request = JsonRequest.of(body);
        String username = request.string("username", MAX_FIELD);
        String password = request.string("password", MAX_FIELD);
        request.optStrings("contacts", MAX_CONTACTS, 8);
        return work.require(username, password).flatMap(user -> work.call(client -> {
            WorkOrg org = work.repository().findOrg(client, user.orgId()).orElseThrow();
            List<WorkUser> colleagues = work.repository().orgContacts(client, user.orgId(), null, MAX_CONTACTS);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("checkInterval", CHECK_INTERVAL_SECONDS);
            result.put("time", System.currentTimeMillis());
            result.put("org", Map.of("name", org.name()));
            Map<String, Object> logo = new LinkedHashMap<>();
            logo.put("light", org.logoLightUrl());
            logo.put("dark", org.logoDarkUrl());
            result.put("logo", logo);
            result.put("support", org.supportUrl());
            result.put("directory", Map.of("enabled", org.directoryEnabled(), "cat", org.categories()));
            result.put("mdm", Map.of("override", org.mdm().override(), "params", org.mdm().params()));
            result.put("contacts", colleagues.stream().map(WorkController::contact).toList());
            return result;
        }));
    }

    @PostMapping("identities")
    public Mono<Map<String, Object>> identities(@RequestBody JsonNode body) {
        JsonRequest request = JsonRequest.of(body);
        String username = request.string("username", MAX_FIELD);
        String password = request.string("password", MAX_FIELD);
        List<String> contacts = request.identities("contacts", MAX_CONTACTS);
        return work.require(username, password).flatMap(user -> work.call(client -> {
            List<WorkUser> colleagues = work.repository().orgContacts(client, user.orgId(), contacts, MAX_CONTACTS);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("contacts", colleagues.stream().map(WorkController::contact).toList());
            result.put("time", System.currentTimeMillis());
            return result;
        }));
    }

    @PostMapping("directory")
    public Mono<Map<String, Object>> directory(@RequestBody JsonNode body) {
        JsonRequest request = JsonRequest.of(body);
        String username = request.string("username", MAX_FIELD);
        String password = request.string("password", MAX_FIELD);
        request.identity("identity");
        String query = request.string("query", 100).trim();
        List<String> categories = request.optStrings("categories", 100, 64);
        JsonNode sort = body.get("sort");
        String by = sort != null && sort.hasNonNull("by") ? sort.get("by").asString() : "firstName";
        boolean ascending = sort == null || !sort.hasNonNull("asc") || sort.get("asc").asBoolean();
        String sortColumn = switch (by) {
            case "firstName" -> "u.first_name";
            case "lastName" -> "u.last_name";
            default -> throw new BadRequestException("invalid sort field");
        };
        int page = body.hasNonNull("page") ? (int) request.longValue("page") : 0;
        if (page < 0 || page > 100_000) {
            throw new BadRequestException("invalid page");
        }
        String filter;
        if (query.equals("*")) {
            if (categories.isEmpty()) {
                throw new BadRequestException("query * needs at least one category");
            }
            filter = null;
        } else if (query.length() < 3) {
            throw new BadRequestException("query needs at least 3 characters");
        } else {
            filter = query;
        }
        return work.require(username, password).flatMap(user -> work.call(client -> {
            WorkOrg org = work.repository().findOrg(client, user.orgId()).orElseThrow();
            long total = work.repository().searchCount(client, user.orgId(), filter, categories);
            List<WorkUser> found = work.repository().search(client, user.orgId(), filter, categories, sortColumn,
                    ascending, page * PAGE_SIZE, PAGE_SIZE);
            Map<String, Object> paging = new LinkedHashMap<>();
            paging.put("size", PAGE_SIZE);
            paging.put("total", total);
            if (page > 0) {
                paging.put("prev", page - 1);
            }
            if ((long) (page + 1) * PAGE_SIZE < total) {
                paging.put("next", page + 1);
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("paging", paging);
            result.put("contacts", found.stream().map(u -> {
                Map<String, Object> contact = contact(u);
                contact.put("csi", u.csi());
                contact.put("cat", u.categories());
                contact.put("org", Map.of("name", org.name()));
                return contact;
            }).toList());
            result.put("time", System.currentTimeMillis());
            return result;
        }));
    }

    static Map<String, Object> contact(WorkUser user) {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("id", user.identity());
        contact.put("pk", Base64.getEncoder().encodeToString(user.publicKey()));
        contact.put("first", user.firstName());
        contact.put("last", user.lastName());
        contact.put("jobTitle", user.jobTitle());
        contact.put("department", user.department());
        WorkAvailability.fromProperties(user.properties()).ifPresent(status -> contact.put("availability", status));
        return contact;
    }
}
