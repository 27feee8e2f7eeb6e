package dev.jetonvoucher.bench.probe.crac;

import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for the JDK's CRaC core, for measuring what SnapStart priming does on a JDK without CRaC.
 * {@link #checkpointRestore()} runs every registered resource's {@code beforeCheckpoint} (as Lambda does before
 * it takes the snapshot; last registered first, as CRaC does) and then {@code afterRestore} (first registered
 * first); it takes no snapshot. Resources are held strongly: the process ends right after the measurement.
 */
public final class Core {

    private static final GlobalContext GLOBAL = new GlobalContext();

    private Core() {}

    public static Context<Resource> getGlobalContext() {
        return GLOBAL;
    }

    public static void checkpointRestore() throws CheckpointException, RestoreException {
        try {
            GLOBAL.beforeCheckpoint(null);
        } catch (CheckpointException e) {
            throw e;
        } catch (Exception e) {
            CheckpointException failed = new CheckpointException();
            failed.addSuppressed(e);
            throw failed;
        }
        try {
            GLOBAL.afterRestore(null);
        } catch (RestoreException e) {
            throw e;
        } catch (Exception e) {
            RestoreException failed = new RestoreException();
            failed.addSuppressed(e);
            throw failed;
        }
    }

    /** How many resources registered: the probe reports it, so a priming hook that never registered shows. */
    public static int registeredResources() {
        return GLOBAL.size();
    }

    private static final class GlobalContext extends Context<Resource> {
        private final List<Resource> resources = new ArrayList<>();

        @Override
        public synchronized void register(Resource resource) {
            resources.add(resource);
        }

        synchronized int size() {
            return resources.size();
        }

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
            List<Resource> snapshot;
            synchronized (this) {
                snapshot = new ArrayList<>(resources);
            }
            for (int i = snapshot.size() - 1; i >= 0; i--) {
                snapshot.get(i).beforeCheckpoint(this);
            }
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) throws Exception {
            List<Resource> snapshot;
            synchronized (this) {
                snapshot = new ArrayList<>(resources);
            }
            for (Resource resource : snapshot) {
                resource.afterRestore(this);
            }
        }
    }
}
