package dev.jetonvoucher.memory;

import dev.jetonvoucher.contract.ExportJobStoreContract;
import dev.jetonvoucher.export.ExportJobStore;

class InMemoryExportJobStoreContractTest extends ExportJobStoreContract {

    private final InMemoryExportJobStore jobs = new InMemoryExportJobStore();

    @Override
    protected ExportJobStore jobs() {
        return jobs;
    }
}
