package dev.parley.directory.licence;

import dev.parley.directory.work.WorkService;
import java.util.List;

/** Test access to the package-private licence checks. */
public final class LicenceChecksAccess {

    private LicenceChecksAccess() {
    }

    public static LicenceCheck work(WorkService work) {
        return LicenceChecks.workCredentials(work);
    }

    public static LicenceCheck keys(List<String> keys) {
        return LicenceChecks.licenceKeys(keys);
    }
}
