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

    public static LicenceCheck stored(List<String> keys, dev.parley.service.jdbc.BlockingJdbc jdbc,
                                      dev.parley.directory.admin.LicenceKeyRepository stored) {
        return LicenceChecks.orStored(LicenceChecks.licenceKeys(keys), jdbc, stored);
    }
}
