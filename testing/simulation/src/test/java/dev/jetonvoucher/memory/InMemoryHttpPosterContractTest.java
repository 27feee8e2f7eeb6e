package dev.jetonvoucher.memory;

import dev.jetonvoucher.contract.HttpPosterContract;
import dev.jetonvoucher.memory.InMemoryHttpPoster.Merchant;
import dev.jetonvoucher.workflow.HttpPoster;
import java.net.URI;
import java.util.List;

class InMemoryHttpPosterContractTest extends HttpPosterContract {

    private final InMemoryHttpPoster poster = new InMemoryHttpPoster();

    @Override
    protected HttpPoster poster() {
        return poster;
    }

    @Override
    protected URI merchantAnswering(int status) {
        URI url = URI.create("https://merchant.example/answers-" + status);
        poster.route(url, Merchant.answering(status));
        return url;
    }

    @Override
    protected URI merchantDown() {
        URI url = URI.create("https://merchant.example/down");
        poster.route(url, Merchant.down());
        return url;
    }

    @Override
    protected URI merchantTooSlow() {
        URI url = URI.create("https://merchant.example/slow");
        poster.route(url, Merchant.slow());
        return url;
    }

    @Override
    protected List<String> receivedBy(URI url) {
        return poster.received(url);
    }
}
