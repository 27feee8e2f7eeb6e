package dev.jetonvoucher.memory;

import dev.jetonvoucher.contract.ProjectDirectoryContract;
import dev.jetonvoucher.project.InMemoryProjectDirectory;
import dev.jetonvoucher.project.ProjectDirectory;
import java.util.List;

class InMemoryProjectDirectoryContractTest extends ProjectDirectoryContract {

    @Override
    protected ProjectDirectory directory() {
        return new InMemoryProjectDirectory(List.of(PROJECT_239));
    }
}
