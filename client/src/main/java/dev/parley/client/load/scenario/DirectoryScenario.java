package dev.parley.client.load.scenario;

import dev.parley.client.directory.DirectoryClient;
import dev.parley.client.load.Identities;
import dev.parley.client.load.LoadIdentity;
import dev.parley.client.load.LoadSettings;
import dev.parley.client.load.engine.Metrics;
import dev.parley.client.load.engine.Op;
import java.util.List;

/** Directory lookups: {@code GET identity/<id>} of the run's identities, round robin, as apps fetch contacts. */
public final class DirectoryScenario extends HttpScenario {

    private final Identities identities;
    private DirectoryClient directory;
    private List<LoadIdentity> ids;

    public DirectoryScenario(LoadSettings settings, Identities identities) {
        super(settings);
        this.identities = identities;
    }

    @Override
    public String name() {
        return "directory";
    }

    @Override
    void prepare(Metrics metrics) throws Exception {
        ids = identities.take(settings.identitiesOr(100));
        directory = new DirectoryClient(settings.directory, http, "Threema/parley-load");
    }

    @Override
    void call(Op op) throws Exception {
        String id = ids.get((int) (op.sequence() % ids.size())).id().toString();
        if (directory.fetch(id).isEmpty()) {
            throw new IllegalStateException("directory does not know " + id);
        }
    }
}
