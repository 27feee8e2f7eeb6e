package dev.jetonvoucher.memory;

import dev.jetonvoucher.contract.ExportStorageContract;
import dev.jetonvoucher.export.ExportStorage;
import java.net.URI;

class InMemoryExportStorageContractTest extends ExportStorageContract {

    private final InMemoryExportStorage storage = new InMemoryExportStorage();

    @Override
    protected ExportStorage storage() {
        return storage;
    }

    @Override
    protected byte[] follow(URI link) {
        return storage.follow(link);
    }
}
