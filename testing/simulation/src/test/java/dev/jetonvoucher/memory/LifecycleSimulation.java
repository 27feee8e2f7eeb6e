package dev.jetonvoucher.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jetonvoucher.gate.Acceptance;
import dev.jetonvoucher.gate.GateRejection;
import dev.jetonvoucher.gate.PayoutCommand;
import dev.jetonvoucher.gate.SaleCommand;
import dev.jetonvoucher.memory.InMemoryHttpPoster.Merchant;
import dev.jetonvoucher.memory.InMemoryWorkQueues.Delivery;
import dev.jetonvoucher.memory.InMemoryWorkQueues.Message;
import dev.jetonvoucher.memory.InMemoryWorkQueues.Queue;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.model.VoucherData;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.BalanceStore;
import dev.jetonvoucher.payment.BalanceStore.Balance;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.Channel;
import dev.jetonvoucher.payment.Compensation;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentAggregates;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.payment.TestIds;
import dev.jetonvoucher.project.InMemoryProjectDirectory;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.SandboxSettings;
import dev.jetonvoucher.project.SandboxSettings.NotificationMode;
import dev.jetonvoucher.provider.JetonProvider;
import dev.jetonvoucher.provider.ProviderVoucher;
import dev.jetonvoucher.provider.sandbox.SandboxJetonProvider;
import dev.jetonvoucher.provider.sandbox.VoucherLedger.LedgerVoucher;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import dev.jetonvoucher.workflow.CallbackDelivery;
import dev.jetonvoucher.workflow.Compensator;
import dev.jetonvoucher.workflow.Dispatcher;
import dev.jetonvoucher.workflow.Finalizer;
import dev.jetonvoucher.workflow.HttpPoster;
import dev.jetonvoucher.workflow.MessageOutcome;
import dev.jetonvoucher.workflow.ProviderNotifications;
import dev.jetonvoucher.workflow.StatusPoller;
import dev.jetonvoucher.workflow.WorkMessages;
import dev.jetonvoucher.workflow.WorkQueues;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One schedule of the whole asynchronous lifecycle, on the in-memory adapters and the real domain classes: the
 * acceptance, the dispatcher, the status poller, the finalizer, the compensator, callback delivery and provider
 * notifications, with the sandbox provider on its voucher ledger. Simulated time; every choice (which visible message
 * goes next, duplicated or late deliveries, lost acknowledgements, dropped notifications, crashes between two port
 * calls of a handler) comes from one seed, so a schedule replays exactly. Every step is a line of the trace.
 */
final class LifecycleSimulation {

    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    /** Long enough for ECommPay's 11-day callback schedule and the 3-day compensation window. */
    static final Duration HORIZON = Duration.ofDays(12);

    private static final String PROVIDER_KEY = "simulated-provider-key";
    private static final CurrencyUnit EUR = CurrencyUnit.of("EUR");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A message meets at most this many injected faults, so none reaches a dead-letter queue by injection alone. */
    private static final int FAULTS_PER_MESSAGE = 2;

    /** A crash between two port calls of a handler: the message is redelivered after its visibility timeout. */
    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(String where) {
            super(where, null, false, false);
        }
    }

    /** How a merchant's endpoint behaves over the schedule. */
    enum MerchantMood {
        UP,
        FLAPPING,
        DOWN_FOR_A_WHILE,
        SLOW_FOR_A_WHILE,
        DOWN_FOR_EVER
    }

    private final long seed;
    private final Random random;
    private final SimulatedClock clock = new SimulatedClock(START);
    private final InMemoryPaymentStore store = new InMemoryPaymentStore(clock);
    private final InMemoryVoucherLedger ledger = new InMemoryVoucherLedger();
    private final InMemoryWorkQueues queues = new InMemoryWorkQueues(clock);
    private final InMemoryHttpPoster http = new InMemoryHttpPoster(clock);
    private final SandboxJetonProvider provider =
            new SandboxJetonProvider(ledger, queues.providerNotifier(), PROVIDER_KEY, this::sandboxOf, clock);
    private final List<String> trace = new ArrayList<>();
    private final Map<Long, Integer> faultsByMessage = new HashMap<>();
    private final Map<PaymentKey, PaymentStatus> firstFinalStatus = new HashMap<>();
    /** Callback bodies each merchant answered with HTTP 200, by payment id. */
    private final Map<String, List<JsonNode>> delivered = new LinkedHashMap<>();
    /** Crashes after a callback was posted and before it was recorded: each may repeat one delivery. */
    private final Map<String, Integer> repeatableDeliveries = new HashMap<>();

    private final Map<Long, MerchantMood> moods = new LinkedHashMap<>();
    private final Map<Long, Project> projects = new LinkedHashMap<>();

    /** How the emulator behaves for a project: the project's own sandbox settings, as the emulator looks them up. */
    private SandboxSettings sandboxOf(long projectId) {
        Project project = projects.get(projectId);
        return project == null ? SandboxSettings.NORMAL : project.sandbox();
    }

    private final List<Request> requests = new ArrayList<>();
    private int crashes;
    private int steps;
    /** How often each kind of fault or outcome occurred, for the coverage report. */
    private final Map<String, Integer> events = new java.util.TreeMap<>();

    // the handlers, on ports that crash when the step's plan says so
    private final CrashPlan plan = new CrashPlan();
    private final Acceptance acceptance;
    private final Dispatcher dispatcher;
    private final StatusPoller poller;
    private final Compensator compensator;
    private final CallbackDelivery callbacks;
    private final ProviderNotifications notifications;

    /** A request a merchant sends to the Gate at {@code at}. */
    record Request(Instant at, PaymentType type, long projectId, String paymentId, long amount, boolean duplicate) {}

    private static final class CrashPlan {
        int crashAtCall;
        int calls;
        boolean posted;
        String handler = "";

        void arm(int crashAt, String forHandler) {
            crashAtCall = crashAt;
            calls = 0;
            posted = false;
            handler = forHandler;
        }
    }

    LifecycleSimulation(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
        VoucherTransitCipher cipher = new VoucherTransitCipher(VoucherTransitCipher.newKey());
        Project test = project(1001, true, SandboxSettings.NORMAL);
        Duration delay = Duration.ofSeconds(random.nextInt(4) == 0 ? 40 + random.nextInt(60) : random.nextInt(20));
        NotificationMode mode = List.of(
                        NotificationMode.NORMAL, NotificationMode.NORMAL, NotificationMode.DROP, NotificationMode.STUCK)
                .get(random.nextInt(4));
        Duration outage = random.nextInt(4) == 0 ? Duration.ofSeconds(random.nextInt(90)) : Duration.ZERO;
        Project live = project(2002, false, new SandboxSettings(mode, delay, outage, random.nextBoolean()));
        projects.put(test.projectId(), test);
        projects.put(live.projectId(), live);
        for (Project project : projects.values()) {
            MerchantMood mood = MerchantMood.values()[random.nextInt(MerchantMood.values().length)];
            moods.put(project.projectId(), mood);
            http.route(project.callbackUrl().orElseThrow(), merchant(project.projectId(), mood));
        }
        InMemoryProjectDirectory directory = new InMemoryProjectDirectory(List.copyOf(projects.values()));
        PaymentStore payments = crashing(PaymentStore.class, store);
        BalanceStore balances = crashing(BalanceStore.class, store);
        WorkQueues work = crashing(WorkQueues.class, queues);
        JetonProvider jeton = crashing(JetonProvider.class, provider);
        HttpPoster poster = crashing(HttpPoster.class, http);
        acceptance = new Acceptance(
                payments, balances, work, cipher, clock, TestIds.drawingWith(clock, new SplittableRandom(seed)));
        Finalizer finalizer = new Finalizer(payments, directory, jeton, work, cipher, clock);
        dispatcher = new Dispatcher(payments, directory, jeton, finalizer, work, cipher, clock);
        poller = new StatusPoller(payments, directory, jeton, finalizer, work, clock);
        compensator = new Compensator(payments, jeton, work, clock);
        callbacks = new CallbackDelivery(payments, directory, poster, work, cipher, clock);
        notifications = new ProviderNotifications(payments, finalizer, PROVIDER_KEY);
        planRequests();
        trace("seed " + seed + ": live project " + live.sandbox() + "; merchants " + moods);
    }

    private static Project project(long id, boolean test, SandboxSettings sandbox) {
        return new Project(
                id,
                "secret-" + id,
                Optional.of(URI.create("https://merchant-" + id + ".example/callbacks")),
                test,
                Set.of(EUR),
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                Map.of(EUR, test ? 100_000L : 50_000L),
                sandbox);
    }

    private Merchant merchant(long projectId, MerchantMood mood) {
        Instant backAt = START.plus(Duration.ofMinutes(1 + random.nextInt(2 * 24 * 60)));
        long flapSeed = random.nextLong();
        return (body, now) -> {
            int status = switch (mood) {
                case UP -> 200;
                case FLAPPING ->
                    List.of(200, 500, Merchant.REFUSED, Merchant.NO_ANSWER)
                            .get(new Random(flapSeed ^ now.toEpochMilli()).nextInt(4));
                case DOWN_FOR_A_WHILE -> now.isBefore(backAt) ? Merchant.REFUSED : 200;
                case SLOW_FOR_A_WHILE -> now.isBefore(backAt) ? Merchant.NO_ANSWER : 200;
                case DOWN_FOR_EVER -> Merchant.REFUSED;
            };
            if (status == 200) {
                JsonNode callback = parse(body);
                delivered
                        .computeIfAbsent(callback.path("payment").path("id").asText(), id -> new ArrayList<>())
                        .add(callback);
            }
            return status;
        };
    }

    private void planRequests() {
        int count = 3 + random.nextInt(10);
        Instant at = START;
        for (int i = 0; i < count; i++) {
            at = at.plusSeconds(random.nextInt(random.nextInt(5) == 0 ? 120 : 15));
            boolean duplicate = i > 0 && random.nextInt(8) == 0;
            if (duplicate) {
                Request earlier = requests.get(random.nextInt(requests.size()));
                requests.add(new Request(
                        at, earlier.type(), earlier.projectId(), earlier.paymentId(), earlier.amount(), true));
                continue;
            }
            long projectId = random.nextBoolean() ? 1001 : 2002;
            // payouts early and large enough that some exceed the balance; sales later, to spend payout vouchers
            PaymentType type = random.nextInt(10) < (i < count / 2 ? 6 : 3) ? PaymentType.PAYOUT : PaymentType.PURCHASE;
            long amount = type == PaymentType.PAYOUT
                    ? 1_000 + 500L * random.nextInt(80)
                    : projectId == 1001 && random.nextInt(6) == 0 ? 40_000 : 1_000 + 100L * random.nextInt(40);
            requests.add(new Request(at, type, projectId, "p" + i, amount, false));
        }
    }

    // ------------------------------------------------------------------ running

    /** Runs the schedule to its end: every request sent, every queue empty, or the horizon reached. */
    LifecycleSimulation run() {
        int nextRequest = 0;
        Instant end = START.plus(HORIZON);
        while (clock.instant().isBefore(end)) {
            if (nextRequest < requests.size() && !requests.get(nextRequest).at().isAfter(clock.instant())) {
                send(requests.get(nextRequest++));
            } else {
                List<Message> visible = queues.visible();
                if (!visible.isEmpty()) {
                    deliver(visible.get(random.nextInt(visible.size())));
                } else {
                    Optional<Instant> next = queues.nextVisibleAt();
                    if (nextRequest < requests.size()) {
                        Instant requestAt = requests.get(nextRequest).at();
                        next = Optional.of(
                                next.filter(at -> at.isBefore(requestAt)).orElse(requestAt));
                    }
                    if (next.isEmpty()) {
                        break;
                    }
                    clock.advanceTo(next.get());
                    continue;
                }
            }
            steps++;
            checkAfterStep();
        }
        trace("end: " + steps + " steps, " + crashes + " crashes, queues "
                + (queues.isEmpty() ? "empty" : "not empty"));
        return this;
    }

    private void send(Request request) {
        Project project = projects.get(request.projectId());
        PaymentKey key = new PaymentKey(request.projectId(), request.paymentId());
        armCrash("gate");
        String what =
                (request.duplicate() ? "duplicate " : "") + request.type().wire() + " " + key + " " + request.amount();
        try {
            if (request.type() == PaymentType.PAYOUT) {
                acceptance.acceptPayout(new PayoutCommand(
                        project, key, Money.ofMinor(request.amount(), EUR), "c", "198.51.100.7", "payout"));
            } else {
                VoucherData voucher = voucherFor(project, request.amount());
                what += ledger.findVoucher(voucher.number())
                        .map(v -> " voucher of payout op " + v.issuedBy())
                        .orElse(" voucher never issued");
                acceptance.acceptSale(
                        new SaleCommand(
                                project,
                                key,
                                Money.ofMinor(request.amount(), EUR),
                                "c",
                                "198.51.100.7",
                                voucher,
                                "sale"),
                        Channel.GATE);
            }
            trace("gate", what, "accepted");
        } catch (GateRejection rejection) {
            count("gate rejection " + rejection.code().code());
            trace("gate", what, "rejected " + rejection.code().code());
        } catch (SimulatedCrash crash) {
            crashes++;
            count("crash in gate");
            trace("gate", what, "crashed before port call " + plan.crashAtCall + ": the merchant sends it again");
            requests.add(
                    requests.indexOf(request) + 1,
                    new Request(
                            clock.instant().plusSeconds(5),
                            request.type(),
                            request.projectId(),
                            request.paymentId(),
                            request.amount(),
                            true));
        }
    }

    /**
     * A voucher of an earlier successful payout (spent or not: customers hold those, their codes came with the
     * payout's callback), or one the provider never issued.
     */
    private VoucherData voucherFor(Project project, long amount) {
        Set<Long> paidOut = new java.util.HashSet<>(store.allPayments().stream()
                .filter(p -> p.type() == PaymentType.PAYOUT && p.status() == PaymentStatus.SUCCESS)
                .map(Payment::operationId)
                .toList());
        List<LedgerVoucher> issued = ledger.allVouchers().stream()
                .filter(v -> paidOut.contains(v.issuedBy()))
                .toList();
        if (!project.test() && !issued.isEmpty() && random.nextInt(4) != 0) {
            LedgerVoucher voucher = issued.get(random.nextInt(issued.size()));
            String code = provider.status(voucher.issuedBy()).vouchers().stream()
                    .filter(v -> v.number().equals(voucher.number()))
                    .map(ProviderVoucher::securityCode)
                    .findFirst()
                    .orElse("0000");
            return new VoucherData(
                    voucher.number(), YearMonth.from(voucher.expiresAt().atZone(ZoneOffset.UTC)), code);
        }
        StringBuilder number = new StringBuilder("4619");
        while (number.length() < 19) {
            number.append(random.nextInt(10));
        }
        return new VoucherData(number.toString(), YearMonth.of(2030, 1), String.format("%04d", random.nextInt(10_000)));
    }

    private void deliver(Message message) {
        boolean mayFault = faultsByMessage.getOrDefault(message.id(), 0) < FAULTS_PER_MESSAGE;
        String summary = summary(message);
        if (mayFault && random.nextInt(30) == 0) {
            Duration late = Duration.ofSeconds(1 + random.nextInt(300));
            queues.postpone(message.id(), late);
            fault(message);
            count("late delivery");
            trace(message.queue().name(), summary, "delivered late, in " + late.toSeconds() + " s");
            return;
        }
        Delivery delivery = queues.receive(message.id()).orElse(null);
        if (delivery == null) {
            trace(message.queue().name(), summary, "moved to the dead-letter queue");
            return;
        }
        if (mayFault && message.queue() == Queue.PROVIDER_NOTIFICATION && random.nextInt(25) == 0) {
            queues.delete(delivery);
            count("notification lost");
            trace(message.queue().name(), summary, "notification lost");
            return;
        }
        handle(delivery, mayFault, summary);
        if (mayFault && random.nextInt(30) == 0) {
            fault(message);
            count("duplicate delivery");
            queues.receiveAgain(delivery).ifPresent(again -> handle(again, false, summary + " (delivered twice)"));
        }
    }

    private void handle(Delivery delivery, boolean mayFault, String summary) {
        String handler = handlerOf(delivery);
        boolean crash = mayFault && random.nextInt(12) == 0;
        armCrash(handler);
        if (crash) {
            plan.crashAtCall = 1 + random.nextInt(6);
        }
        try {
            MessageOutcome outcome = dispatch(delivery);
            if (outcome == MessageOutcome.DONE && mayFault && random.nextInt(30) == 0) {
                fault(delivery.messageId());
                count("acknowledgement lost");
                trace(handler, summary, "done, acknowledgement lost");
            } else if (outcome == MessageOutcome.DONE) {
                queues.delete(delivery);
                trace(handler, summary, "done");
            } else {
                trace(handler, summary, "retry");
            }
        } catch (SimulatedCrash crashed) {
            crashes++;
            count("crash in " + handler);
            fault(delivery.messageId());
            if (handler.equals("callback") && plan.posted) {
                String paymentId = WorkMessages.callback(delivery.body()).key().paymentId();
                repeatableDeliveries.merge(paymentId, 1, Integer::sum);
            }
            trace(
                    handler,
                    summary,
                    "crashed before port call " + plan.crashAtCall + (plan.posted ? " (after the post)" : ""));
        } finally {
            plan.arm(0, "");
        }
    }

    private MessageOutcome dispatch(Delivery delivery) {
        String body = delivery.body();
        return switch (delivery.queue()) {
            case DISPATCH -> dispatcher.handle(WorkMessages.dispatch(body));
            case POLL ->
                WorkMessages.statusPollMessage(body) instanceof WorkMessages.Compensate compensate
                        ? compensator.handle(compensate)
                        : poller.handle(WorkMessages.poll(body));
            case CALLBACK -> callbacks.handle(WorkMessages.callback(body));
            case PROVIDER_NOTIFICATION -> {
                notifications.receive(body);
                yield MessageOutcome.DONE;
            }
        };
    }

    private static String handlerOf(Delivery delivery) {
        return switch (delivery.queue()) {
            case DISPATCH -> "dispatch";
            case POLL ->
                WorkMessages.statusPollMessage(delivery.body()) instanceof WorkMessages.Compensate
                        ? "compensate"
                        : "status-poll";
            case CALLBACK -> "callback";
            case PROVIDER_NOTIFICATION -> "provider-notification";
        };
    }

    private void fault(Message message) {
        fault(message.id());
    }

    private void fault(long messageId) {
        faultsByMessage.merge(messageId, 1, Integer::sum);
    }

    private void armCrash(String handler) {
        plan.arm(0, handler);
    }

    /** Wraps a port so that the step's planned port call throws instead of happening. */
    @SuppressWarnings("unchecked")
    private <T> T crashing(Class<T> port, T target) {
        return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(target, args);
            }
            plan.calls++;
            if (plan.crashAtCall == plan.calls) {
                throw new SimulatedCrash(
                        plan.handler + " crashed before " + port.getSimpleName() + "." + method.getName());
            }
            try {
                Object result = method.invoke(target, args);
                if (port == HttpPoster.class) {
                    plan.posted = true;
                }
                return result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    private String summary(Message message) {
        String body = message.body();
        if (message.queue() == Queue.PROVIDER_NOTIFICATION) {
            JsonNode node = parse(body);
            return "notification " + node.path("project_id").asText() + "/"
                    + node.path("payment_id").asText() + " "
                    + node.path("status").asText() + " " + node.path("code").asText();
        }
        JsonNode node = parse(body);
        return node.path("kind").asText() + " " + node.path("project_id").asText() + "/"
                + node.path("payment_id").asText()
                + " op " + node.path("operation_id").asText()
                + (node.has("attempt") ? " #" + node.path("attempt").asText() : "")
                + " (receive " + (message.receiveCount() + 1) + ")";
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }

    private void trace(String line) {
        trace.add(line);
    }

    private void trace(String handler, String message, String outcome) {
        trace.add(String.format(
                "T+%7ds %-21s %-60s %s",
                Duration.between(START, clock.instant()).toSeconds(), handler, message, outcome));
    }

    // ------------------------------------------------------------------ invariants

    /**
     * After every step: the books balance, a final status never changes, and each project's aggregates equal a
     * recount of its payments (every create and finish moved them once, crashes and duplicates included).
     */
    private void checkAfterStep() {
        for (long projectId : projects.keySet()) {
            var recount = PaymentAggregates.recount(store.allPayments().stream()
                    .filter(payment -> payment.key().projectId() == projectId)
                    .toList());
            var stored = store.totals(projectId, LocalDate.EPOCH, LocalDate.MAX);
            check(
                    stored.equals(recount),
                    "the aggregates of project " + projectId + " are " + stored + ", a recount of its payments gives "
                            + recount);
        }
        for (Balance balance : store.allBalances()) {
            check(balance.conserved(), "balance not conserved: " + balance);
            check(
                    balance.available().minorUnits() >= 0 && balance.reserved().minorUnits() >= 0,
                    "negative balance part: " + balance);
        }
        for (Payment payment : store.allPayments()) {
            if (payment.isFinal()) {
                PaymentStatus first = firstFinalStatus.putIfAbsent(payment.key(), payment.status());
                check(
                        first == null || first == payment.status(),
                        payment.key() + " was " + first + " and is now " + payment.status());
            }
        }
    }

    /** When the schedule has run out. */
    void checkAtEnd() {
        check(
                queues.isEmpty(),
                "messages left when time ran out: " + queues.visible().size() + " visible");
        List<String> deadCallbacks = queues.deadLetters(Queue.CALLBACK);
        for (Payment payment : store.allPayments()) {
            String id = payment.key().paymentId();
            check(payment.isFinal(), payment + " is not final");
            check(
                    payment.compensation() == null || !payment.compensation().pending(),
                    payment + " has a compensation pending: " + payment.compensation());
            if (payment.compensation() != null && payment.compensation().state() == Compensation.State.FAILED) {
                check(
                        queues.compensationDeadLetters().stream()
                                .anyMatch(body ->
                                        WorkMessages.compensate(body).key().equals(payment.key())),
                        id + ": a failed compensation is not in its dead-letter queue");
            }
            MerchantMood mood = moods.get(payment.key().projectId());
            List<JsonNode> got = delivered.getOrDefault(id, List.of());
            for (JsonNode callback : got) {
                check(
                        callback.path("payment")
                                .path("status")
                                .asText()
                                .equals(payment.status().wire()),
                        id + ": a callback said "
                                + callback.path("payment").path("status").asText() + ", the payment is "
                                + payment.status().wire());
            }
            if (mood == MerchantMood.DOWN_FOR_EVER) {
                check(
                        payment.callbackState() == CallbackState.FAILED,
                        id + ": callback " + payment.callbackState() + " although the merchant never answered");
                check(
                        deadCallbacks.stream()
                                .anyMatch(body ->
                                        WorkMessages.callback(body).key().equals(payment.key())),
                        id + ": a failed callback is not in the dead-letter queue");
            } else {
                check(payment.callbackState() == CallbackState.DELIVERED, id + ": callback " + payment.callbackState());
                int allowed = 1 + repeatableDeliveries.getOrDefault(id, 0);
                check(
                        !got.isEmpty() && got.size() <= allowed,
                        id + ": " + got.size() + " callbacks delivered, expected one (" + allowed
                                + " with crashes after the post)");
            }
            if (!projects.get(payment.key().projectId()).test()) {
                checkProviderAgrees(payment);
            }
        }
        for (Balance balance : store.allBalances()) {
            check(balance.reserved().minorUnits() == 0, "reserved after every payout is final: " + balance);
            long paidOut = store.allPayments().stream()
                    .filter(p -> p.key().projectId() == balance.projectId()
                            && p.type() == PaymentType.PAYOUT
                            && p.status() == PaymentStatus.SUCCESS)
                    .mapToLong(p -> p.amount().minorUnits())
                    .sum();
            long credited = store.allPayments().stream()
                    .filter(p -> p.key().projectId() == balance.projectId()
                            && p.type() == PaymentType.PURCHASE
                            && p.status() == PaymentStatus.SUCCESS)
                    .mapToLong(p -> p.amount().minorUnits())
                    .sum();
            check(
                    balance.paidOut().minorUnits() == paidOut,
                    "paid out " + balance.paidOut() + ", successful payouts " + paidOut);
            check(
                    balance.credited().minorUnits() == credited,
                    "credited " + balance.credited() + ", successful sales " + credited);
        }
    }

    /** In live mode the provider's books agree with the platform's final status. */
    private void checkProviderAgrees(Payment payment) {
        boolean success = payment.status() == PaymentStatus.SUCCESS;
        List<LedgerVoucher> vouchers = ledger.allVouchers();
        if (payment.type() == PaymentType.PURCHASE) {
            boolean redeemed = vouchers.stream().anyMatch(v -> v.redeemedBy() == payment.operationId());
            check(redeemed == success, payment + (redeemed ? " redeemed its voucher" : " did not redeem its voucher"));
        } else {
            List<LedgerVoucher> issued = vouchers.stream()
                    .filter(v -> v.issuedBy() == payment.operationId())
                    .toList();
            boolean valid = !issued.isEmpty() && issued.stream().noneMatch(LedgerVoucher::voided);
            boolean allVoid = issued.stream().allMatch(LedgerVoucher::voided);
            check(
                    success ? valid : allVoid,
                    payment + ": vouchers " + issued.size() + ", void "
                            + issued.stream().filter(LedgerVoucher::voided).count());
        }
    }

    private void check(boolean holds, String what) {
        if (!holds) {
            throw new AssertionError("seed " + seed + ": " + what + "\n" + traceTail());
        }
    }

    String traceTail() {
        List<String> tail = trace.size() > 400 ? trace.subList(trace.size() - 400, trace.size()) : trace;
        return (trace.size() > 400 ? trace.get(0) + "\n... " + (trace.size() - 401) + " steps ...\n" : "")
                + String.join("\n", tail);
    }

    private void count(String event) {
        events.merge(event, 1, Integer::sum);
    }

    /** The faults injected and the outcomes reached, by kind (final codes, compensations, merchant moods). */
    Map<String, Integer> events() {
        Map<String, Integer> all = new java.util.TreeMap<>(events);
        for (Payment payment : store.allPayments()) {
            String mode = projects.get(payment.key().projectId()).test() ? "test" : "live";
            all.merge(
                    mode + " " + payment.type().wire() + " " + payment.status().wire() + " " + payment.resultCode(),
                    1,
                    Integer::sum);
            if (payment.compensation() != null) {
                all.merge(
                        "compensation " + payment.compensation().state().wire() + ": "
                                + payment.compensation().outcome(),
                        1,
                        Integer::sum);
            }
        }
        moods.values().forEach(mood -> all.merge("merchant " + mood, 1, Integer::sum));
        Project live = projects.get(2002L);
        all.merge(
                "live provider " + live.sandbox().providerNotifications().wire()
                        + (live.sandbox().providerDelay().compareTo(live.limitTime()) > 0
                                ? ", result after the limit time"
                                : "")
                        + (live.sandbox().providerOutage().isZero() ? "" : ", outage")
                        + (live.sandbox().providerCancels() ? "" : ", ignores cancels"),
                1,
                Integer::sum);
        return all;
    }

    int steps() {
        return steps;
    }

    int crashes() {
        return crashes;
    }

    List<String> trace() {
        return List.copyOf(trace);
    }

    /** The first try of every final callback that was queued, per payment: never more than one per payment. */
    Map<String, Long> deliveredCallbacks() {
        Map<String, Long> counts = new LinkedHashMap<>();
        delivered.forEach((id, bodies) -> counts.put(id, (long) bodies.size()));
        return counts;
    }
}
