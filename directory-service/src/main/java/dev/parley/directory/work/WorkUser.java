package dev.parley.directory.work;

import java.util.List;

/**
 * A Work user, with its organisation's name and, once it has one, its identity and key, and the
 * {@code directory.WorkProperties} its client last uploaded (null before the first upload).
 */
public record WorkUser(long id, long orgId, String orgName, String username, String passwordHash, String identity,
                       byte[] publicKey, String firstName, String lastName, String jobTitle, String department,
                       String csi, List<String> categories, byte[] properties) {

    @Override
    public String toString() {
        return "WorkUser[id=" + id + ", org=" + orgName + ", username=" + username + ", identity=" + identity + "]";
    }
}
