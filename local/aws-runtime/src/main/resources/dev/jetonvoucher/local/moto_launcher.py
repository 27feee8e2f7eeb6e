# The moto server of the local AWS endpoint: MotoServer runs this with `python3 -c`, followed by moto.server's own
# arguments (-H host -p port). It is moto.server with a watchdog and a few changes to how moto serves requests,
# and one to what it answers, where moto adds what DynamoDB never sends ("asked-capacity"). Each change that applies prints "jeton-moto-launcher: patched NAME" (MotoServer reads
# these from the log); one that does not fit the installed moto is left out with a note, and moto runs as it is.
import io
import json
import os
import sys
import threading
import zlib


def exit_when_parent_jvm_is_gone():
    # stdin is a pipe held by the JVM that started this server: EOF means that JVM is gone, even after kill -9.
    sys.stdin.read()
    os._exit(0)


threading.Thread(target=exit_when_parent_jvm_is_gone, daemon=True).start()

import moto.server as server  # noqa: E402


def note(message):
    print("jeton-moto-launcher: " + message, file=sys.stderr, flush=True)


# Names of changes to leave out, comma-separated: the tests compare a change's answers with moto's own this way.
LEFT_OUT = frozenset(filter(None, os.environ.get('JETON_MOTO_LEAVE_OUT', '').split(',')))


def patch(name, apply):
    if name in LEFT_OUT:
        note("left out " + name)
        return
    try:
        apply()
        note("patched " + name)
    except Exception as e:  # a moto whose internals differ: run it unchanged
        note("not patched " + name + ": " + type(e).__name__ + ": " + str(e))


# ---------------------------------------------------------------- DynamoDB requests serialised
# moto serves each request on its own thread without a lock, so two concurrent conditional writes can both pass.
# DynamoDB really is atomic per request: serialise DynamoDB (only; SQS long polls must not wait) behind one lock.
dynamodb_lock = threading.Lock()
# What a DynamoDB request may change, for the index-query change below: called under the lock before moto serves it.
dynamodb_request_listeners = []
# Rewrites of a successful DynamoDB answer, (request body, answer body) -> answer body: the asked-capacity change.
dynamodb_answer_filters = []


class SerialisedDynamoDb(server.DomainDispatcherApplication):
    def __call__(self, environ, start_response):
        if environ.get('HTTP_X_AMZ_TARGET', '').startswith('DynamoDB'):
            # Read the whole request before taking the lock: a client that stops half way through sending must
            # not hold every other DynamoDB request up.
            length = int(environ.get('CONTENT_LENGTH') or 0)
            body = environ['wsgi.input'].read(length)
            environ['wsgi.input'] = io.BytesIO(body)
            with dynamodb_lock:
                for listener in dynamodb_request_listeners:
                    listener(environ['HTTP_X_AMZ_TARGET'], body)
                if not dynamodb_answer_filters:
                    return list(super().__call__(environ, start_response))
                return self.answer_filtered(environ, start_response, body)
        return super().__call__(environ, start_response)

    def answer_filtered(self, environ, start_response, request_body):
        started = {}
        written = []

        def hold(status, headers, exc_info=None):
            started['status'], started['headers'] = status, headers
            return written.append

        chunks = super().__call__(environ, hold)
        try:
            answer = b''.join(written) + b''.join(chunks)
        finally:
            if hasattr(chunks, 'close'):
                chunks.close()
        headers = started['headers']
        if started['status'].startswith('200'):
            filtered = answer
            for answer_filter in dynamodb_answer_filters:
                filtered = answer_filter(request_body, filtered)
            if filtered is not answer:
                answer = filtered
                # The SDK checks DynamoDB's x-amz-crc32 of the body it reads: it must be the new body's.
                replaced = {'content-length': str(len(answer)), 'x-amz-crc32': str(zlib.crc32(answer) & 0xffffffff)}
                headers = [(name, replaced.get(name.lower(), value)) for name, value in headers]
        start_response(started['status'], headers)
        return [answer]


server.DomainDispatcherApplication = SerialisedDynamoDb


# ---------------------------------------------------------------- connections and requests, counted
# The connections the server accepted, those open now and the requests it read (by the keep-alive change below, so
# all stay 0 when it is left out): GET /jeton-moto-launcher/connections answers them, and the request stats hold them.
connection_counts = {'accepted': 0, 'open': 0, 'requests': 0}
connection_counts_lock = threading.Lock()


def connection_counts_snapshot():
    with connection_counts_lock:
        return dict(connection_counts)


# ---------------------------------------------------------------- per-request CPU and wall time, when asked for
# JETON_MOTO_REQUEST_STATS=FILE: every second the launcher rewrites FILE with, per action ("DynamoDB_20120810.PutItem",
# "AmazonSQS.SendMessage", ...), the count, the summed wall time and the summed CPU time of the serving thread (with
# the GIL, a thread's CPU time is what that request cost moto). A measuring aid for bench/analysis.md; off by default.
REQUEST_STATS = os.environ.get('JETON_MOTO_REQUEST_STATS')
if REQUEST_STATS:
    import json
    import time

    request_stats = {}
    request_stats_lock = threading.Lock()

    class TimedRequests(server.DomainDispatcherApplication):
        def __call__(self, environ, start_response):
            action = environ.get('HTTP_X_AMZ_TARGET') or (environ.get('REQUEST_METHOD', '?') + ' ' +
                                                          environ.get('PATH_INFO', '')[:40])
            wall, cpu = time.perf_counter(), time.thread_time()
            try:
                return list(super().__call__(environ, start_response))
            finally:
                wall, cpu = time.perf_counter() - wall, time.thread_time() - cpu
                with request_stats_lock:
                    entry = request_stats.setdefault(action, [0, 0.0, 0.0])
                    entry[0] += 1
                    entry[1] += wall
                    entry[2] += cpu

    def write_request_stats():
        while True:
            time.sleep(1)
            with request_stats_lock:
                snapshot = {action: {'count': e[0], 'wall_s': round(e[1], 4), 'cpu_s': round(e[2], 4)}
                            for action, e in request_stats.items()}
            process_cpu = time.process_time()
            with open(REQUEST_STATS + '.tmp', 'w') as out:
                json.dump({'process_cpu_s': round(process_cpu, 3), 'connections': connection_counts_snapshot(),
                           'actions': snapshot}, out, indent=1)
            os.replace(REQUEST_STATS + '.tmp', REQUEST_STATS)

    server.DomainDispatcherApplication = TimedRequests
    threading.Thread(target=write_request_stats, daemon=True).start()
    note("request stats to " + REQUEST_STATS)


# ---------------------------------------------------------------- the service of a request, found without disk I/O
# To route each request moto lists its own package directory and stats every entry up to the service's name
# (about 180 for SQS), inside a lock that every request takes. That is 0.8 ms (DynamoDB) to 1.6 ms (SQS) per
# request on an idle machine, and each stat gives up Python's GIL, so under load a request waits for the GIL up
# to 180 times while every other request waits for that lock. The directory does not change while moto runs.
def list_moto_modules_once():
    import moto.backends as backends
    modules = tuple(backends.list_of_moto_modules())
    if 'dynamodb' not in modules or 'sqs' not in modules:
        raise RuntimeError('moto.backends.list_of_moto_modules() lists no dynamodb/sqs')
    backends.list_of_moto_modules = lambda: modules


patch('module-list', list_moto_modules_once)


# ---------------------------------------------------------------- SQS queue scans with one clock read
# Every SendMessage computes the queue's attributes, which counts its visible, delayed and in-flight messages; every
# ReceiveMessage and every wake-up of a long poll lists the visible ones. moto reads the clock twice per message
# for this (each read builds two datetimes), so a send to a queue holding 800 delayed status polls cost 10 ms. The
# same tests with the clock read once per scan: a message is visible when now > visible_at, delayed while
# now < delayed_until, exactly moto's Message.visible and Message.delayed.
def scan_queues_with_one_clock_read():
    from moto.sqs import models as sqs

    clock = sqs.unix_time_millis
    probe = sqs.Message('probe', 'probe')
    now = clock()
    for visible_at, delayed_until in ((0.0, 0.0), (now + 60000, 0.0), (0.0, now + 60000), (now - 1, now - 1)):
        probe.visible_at, probe.delayed_until = visible_at, delayed_until
        moment = clock()
        if probe.visible != (moment > visible_at) or probe.delayed != (moment < delayed_until):
            raise RuntimeError('Message.visible/delayed are not the visible_at/delayed_until tests')
    for name in ('messages', 'approximate_number_of_messages_delayed', 'approximate_number_of_messages_not_visible'):
        if not isinstance(sqs.Queue.__dict__.get(name), property):
            raise RuntimeError('Queue.' + name + ' is not a property')

    def messages(self):
        now = clock()
        return [m for m in self._messages if now > m.visible_at and not now < m.delayed_until]

    def delayed(self):
        now = clock()
        return sum(1 for m in self._messages if now < m.delayed_until)

    def not_visible(self):
        now = clock()
        return sum(1 for m in self._messages if not now > m.visible_at)

    sqs.Queue.messages = property(messages)
    sqs.Queue.approximate_number_of_messages_delayed = property(delayed)
    sqs.Queue.approximate_number_of_messages_not_visible = property(not_visible)


patch('sqs-scans', scan_queues_with_one_clock_read)


# ---------------------------------------------------------------- TransactWriteItems backs up only what it writes
# To undo a cancelled transaction moto deep-copies every table the transaction names, once per item naming it:
# 280 ms for a table of 1,000 payments, 1.3 s for 4,000, and the DynamoDB lock holds every other DynamoDB request
# meanwhile. What it needs is the items the transaction writes as they were: deep copies of just those (or the note
# that they did not exist) are kept, moto's "backup" of the table is the table itself (so putting it back changes
# nothing), and when moto cancels the transaction those items are put back as they were, in place. The cost is that
# of the items written, whatever the table's size (a first version copied the table's key index per transaction).
# Tables with a stream (whose records a rollback also undoes) and requests whose keys cannot be read get moto's own
# deep copy.
def back_up_only_the_written_items():
    import copy as real_copy
    from moto.dynamodb import models as dynamodb
    from moto.dynamodb.models.dynamo_type import DynamoType
    from moto.dynamodb.models.table import Table

    backend_class = dynamodb.DynamoDBBackend
    if getattr(dynamodb, 'copy', None) is not real_copy:
        raise RuntimeError('moto.dynamodb.models does not use the copy module')
    state = threading.local()
    absent = object()

    def written_keys(backend, transact_items):
        keys = {}
        for entry in transact_items:
            _, op = next(iter(entry.items()))
            table = backend.tables.get(op.get('TableName'))
            if table is None:
                continue
            key = op['Item'] if 'Item' in op else op['Key']
            hash_key = DynamoType(key[table.hash_key_attr])
            range_key = DynamoType(key[table.range_key_attr]) if table.range_key_attr is not None else None
            keys.setdefault(table.name, []).append((hash_key, range_key))
        return keys

    def saved(table, keys):
        # (hash key, range key, the item as it was or absent, whether the hash key was in the key index)
        result = []
        for hash_key, range_key in keys:
            had_hash = hash_key in table.items
            if range_key is None:
                old = table.items[hash_key] if had_hash else absent
            else:
                old = table.items[hash_key].get(range_key, absent) if had_hash else absent
            result.append((hash_key, range_key, absent if old is absent else real_copy.deepcopy(old), had_hash))
        return result

    def put_back(table, items):
        for hash_key, range_key, old, had_hash in reversed(items):
            if range_key is None:
                if old is absent:
                    table.items.pop(hash_key, None)
                else:
                    table.items[hash_key] = old
            else:
                if old is absent:
                    if hash_key in table.items:
                        table.items[hash_key].pop(range_key, None)
                        if not had_hash and not table.items[hash_key]:
                            del table.items[hash_key]
                else:
                    table.items[hash_key][range_key] = old

    class CopyOfTheWrittenItems:
        def __getattr__(self, name):
            return getattr(real_copy, name)

        def deepcopy(self, value, memo=None):
            keys = getattr(state, 'keys', None)
            if type(value) is Table and keys is not None and value.name in keys and value.stream_shard is None:
                backups = state.backups
                if value.name not in backups:  # the same table, named by several items: one backup will do
                    backups[value.name] = (value, saved(value, keys[value.name]))
                return value
            return real_copy.deepcopy(value, memo)

    original = backend_class.transact_write_items

    def transact_write_items(self, transact_items):
        try:
            state.keys = written_keys(self, transact_items)
        except Exception:
            state.keys = None  # moto's own validation answers these requests
        state.backups = {}
        try:
            return original(self, transact_items)
        except Exception:
            for table, items in state.backups.values():
                put_back(table, items)
            raise
        finally:
            state.keys = None
            state.backups = {}

    # Tried on a backend of its own before it is used: a cancelled transaction must leave the table as it was.
    def item(pk, sk, **attributes):
        result = {'pk': {'S': pk}, 'sk': {'S': sk}}
        result.update({name: {'N': value} for name, value in attributes.items()})
        return result

    dynamodb.copy = CopyOfTheWrittenItems()
    backend_class.transact_write_items = transact_write_items
    try:
        probe = backend_class('us-east-1', '000000000000')
        probe.tables['probe'] = Table('probe', account_id='000000000000', region='us-east-1',
                                      schema=[{'AttributeName': 'pk', 'KeyType': 'HASH'},
                                              {'AttributeName': 'sk', 'KeyType': 'RANGE'}],
                                      attr=[{'AttributeName': 'pk', 'AttributeType': 'S'},
                                            {'AttributeName': 'sk', 'AttributeType': 'S'}])
        probe.put_item('probe', item('a', '1', n='1'))
        probe.put_item('probe', item('a', '2', n='2'))
        cancelled = False
        try:
            probe.transact_write_items([
                {'Update': {'TableName': 'probe', 'Key': item('a', '1'), 'UpdateExpression': 'SET n = :v',
                            'ExpressionAttributeValues': {':v': {'N': '9'}}}},
                {'Delete': {'TableName': 'probe', 'Key': item('a', '2')}},
                {'Put': {'TableName': 'probe', 'Item': item('a', '3', n='3')}},
                {'ConditionCheck': {'TableName': 'probe', 'Key': item('b', '1'),
                                    'ConditionExpression': 'attribute_exists(pk)'}}])
        except Exception as e:
            cancelled = type(e).__name__ == 'TransactionCanceledException'
        table = probe.get_table('probe')
        rows = {(h.value, r.value): it.attrs['n'].value for h, by_range in table.items.items()
                for r, it in by_range.items()}
        if not cancelled or rows != {('a', '1'): '1', ('a', '2'): '2'}:
            raise RuntimeError('a cancelled transaction left ' + repr(rows))
        probe.transact_write_items([
            {'Update': {'TableName': 'probe', 'Key': item('a', '1'), 'UpdateExpression': 'SET n = :v',
                        'ExpressionAttributeValues': {':v': {'N': '9'}}}},
            {'Delete': {'TableName': 'probe', 'Key': item('a', '2')}},
            {'Put': {'TableName': 'probe', 'Item': item('a', '3', n='3')}}])
        table = probe.get_table('probe')
        rows = {(h.value, r.value): it.attrs['n'].value for h, by_range in table.items.items()
                for r, it in by_range.items()}
        if rows != {('a', '1'): '9', ('a', '3'): '3'}:
            raise RuntimeError('a committed transaction left ' + repr(rows))
    except Exception:
        dynamodb.copy = real_copy
        backend_class.transact_write_items = original
        raise


patch('transaction-backup', back_up_only_the_written_items)

# ---------------------------------------------------------------- DynamoDB and SQS objects are not kept forever
# moto's BaseModel.__new__ appends every object of every model class to a class-level list (instances_tracked) for
# its /moto-api/data.json dashboard, and nothing ever removes one. For DynamoDB that is every Item written, updated
# (moto deep-copies the old item) or returned by a query (results are deep copies), and every copy of a Table that a
# transaction's backup makes, with the copy of the table's key index it holds: with the backup above, each
# transaction kept a reference to a copy of the whole key index, so memory grew with items × transactions. Seeding
# 14,000 payments (two transactions each) took moto to 20 GB. Objects of DynamoDB's and SQS's models are no longer
# listed there (data.json shows none of them), and are freed when moto drops them; other services' still are (S3
# disposes of its keys through that list).
def free_dynamodb_and_sqs_objects():
    from moto.core import common_models
    from moto.dynamodb.models.dynamo_type import Item
    from moto.dynamodb.models.table import Table
    from moto.sqs.models import Message

    base = common_models.BaseModel
    if not isinstance(base.__dict__.get('__new__'), staticmethod):
        raise RuntimeError('BaseModel.__new__ is not the tracking constructor')
    tracking_new = base.__dict__['__new__']
    untracked = ('moto.dynamodb.', 'moto.sqs.')

    def __new__(cls, *args, **kwargs):
        if cls.__module__.startswith(untracked):
            return object.__new__(cls)
        return tracking_new(cls, *args, **kwargs)

    base.__new__ = staticmethod(__new__)
    # Tried at once: none of these is listed when made, copied or deep-copied; another service's model still is.
    before = {cls: len(cls.instances_tracked) for cls in (Item, Table, Message)}
    from moto.dynamodb.models.dynamo_type import DynamoType
    item = Item(DynamoType({'S': 'a'}), None, {'pk': {'S': 'a'}})
    import copy
    copy.deepcopy(item)
    copy.copy(item)
    Message('probe', 'probe')
    after = {cls: len(cls.instances_tracked) for cls in before}
    if after != before:
        base.__new__ = tracking_new
        raise RuntimeError('objects are still tracked: ' + repr(after))


patch('untracked-models', free_dynamodb_and_sqs_objects)


# ---------------------------------------------------------------- index queries from a sorted copy of the index
# moto answers a Query on a secondary index by sorting every item of the table, keeping those of the asked
# partition, sorting those again and walking them from the first to the page's start key and on to the last item of
# the partition: every page costs the whole table (a Data API page of 100 went from 0.25 s at 250 payments to over
# 1 s at 10,000; an export of a 10,000-payment table timed out at its third page). A Query of the table itself sorted
# every item of the table too, to keep the partition's (the overview's day items took 5.9 s at 100,000 payments); it is
# now answered from that partition's items. Now the items of each partition
# are kept in moto's own index order, built with moto's own sort at the first query of the index, and a Query is
# answered by moto's own Table.query over just the items it can reach: from the first that can match (binary search on
# the sort key and the start key, both directions) to one item past the page or the matching run (moto ends a page
# only on reaching one more item). Same items, order, LastEvaluatedKey, Count and ScannedCount; filters and projections
# are moto's. What a write costs is unchanged; the first index query after it moves the written items in the copy
# (or, after a write whose keys are not known, rebuilds it, about what moto paid on every query). Left to moto: indexes
# with composite keys, legacy QueryFilter/KeyConditions arguments, begins_with read backwards. Not reproduced: moto
# cutting a page at 1 MB on an item past the matching run (DynamoDB counts only items it reads).
def answer_index_queries_from_a_sorted_index():
    import bisect
    import json
    from moto.dynamodb.models.dynamo_type import DynamoType, Item
    from moto.dynamodb.models.table import Table

    for name in ('query', 'all_items', 'sorted_items', '_item_comes_before_dct', '_generate_attr_to_sort_by',
                 'all_indexes'):
        if not callable(getattr(Table, name, None)):
            raise RuntimeError('moto.dynamodb Table has no ' + name)
    original_query = Table.query
    original_all_items = Table.all_items
    narrowed = threading.local()
    # Writes whose tables or keys are not known (a table created or deleted, a request that does not parse) rebuild
    # every copy; a known write names its table and the written item's key, and the copies of that table's indexes move
    # just those items at the next index query: a query after a write costs the written items, not the table (a rebuild
    # of 5,000 items took 24 ms of moto's core).
    unknown_writes = {'count': 0}
    written_keys = {}  # table name -> the written items' attributes as sent (holding their keys); None: too many
    most_written_keys = 2000
    cache = {}  # table name -> {'table', 'unknown_writes', 'indexes': {index name: copy}}
    reads = ('GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems', 'Describe', 'List')

    def written(target, body):
        operation = target.rpartition('.')[2]
        if operation.startswith(reads):
            return
        try:
            request = json.loads(body or b'{}')
            if operation == 'PutItem':
                writes = [(request['TableName'], request['Item'])]
            elif operation in ('UpdateItem', 'DeleteItem'):
                writes = [(request['TableName'], request['Key'])]
            elif operation == 'TransactWriteItems':
                writes = []
                for entry in request['TransactItems']:
                    (kind, write), = entry.items()
                    if kind != 'ConditionCheck':
                        writes.append((write['TableName'], write['Item'] if kind == 'Put' else write['Key']))
            elif operation == 'BatchWriteItem':
                writes = []
                for name, entries in request['RequestItems'].items():
                    for entry in entries:
                        (kind, write), = entry.items()
                        writes.append((name, write['Item'] if kind == 'PutRequest' else write['Key']))
            else:
                writes = None
        except Exception:
            writes = None
        if writes is None or any(type(name) is not str or name.startswith('arn:') or type(attributes) is not dict
                                 for name, attributes in writes):
            unknown_writes['count'] += 1
            return
        for name, attributes in writes:
            keys = written_keys.setdefault(name, [])
            if keys is not None:
                keys.append(attributes)
                if len(keys) > most_written_keys:
                    written_keys[name] = None  # the rebuild is cheaper than keeping them

    def sort_key(item, sort_attrs):
        return tuple(item.attrs[attr].cast_value for attr in sort_attrs)

    def build(table, hash_attrs, range_attrs):
        sort_attrs = table._generate_attr_to_sort_by(hash_attrs, range_attrs)
        parts = {}
        for stored in table.items.values():
            for item in (stored.values() if table.range_key_attr else (stored,)):
                # moto's tests: the item has the index's hash key and its range key
                if isinstance(item, Item) and item.attrs.get(hash_attrs[0]) and item.attrs.get(range_attrs[0]):
                    parts.setdefault(item.attrs[hash_attrs[0]], []).append(item)
        copy = {'parts': parts, 'attrs': (hash_attrs, range_attrs, sort_attrs), 'keys': {}, 'types': {}}
        where = {}  # an item's table key -> its partition and sort key in the copy
        for value, items in parts.items():
            # moto's order (its sorted_items): the key values compared as DynamoType compares them, by their cast
            # value, which is one comparison per pair instead of several; moto's own sort if a key attribute holds
            # values of more than one type. Every item's key is unique, so the order is total.
            types = [{item.attrs[attr].type for item in items} for attr in sort_attrs]
            if all(len(kinds) == 1 for kinds in types):
                keyed = sorted(((sort_key(item, sort_attrs), item) for item in items), key=lambda pair: pair[0])
                items[:] = [item for _, item in keyed]
                copy['keys'][value] = [key for key, _ in keyed]
                copy['types'][value] = tuple(next(iter(kinds)) for kinds in types)
                if where is not None:
                    for key, item in keyed:
                        where[(item.hash_key, item.range_key)] = (value, key)
            else:  # moto's sort (today it fails on values of two types, as moto's own query does)
                table.sorted_items(hash_attrs, range_attrs, items)
                where = None  # moved items cannot be placed by key: rebuilt after a write
        copy['where'] = where
        return copy

    def move(table, copy, attributes):
        """Takes the written item out of the copy, and puts it back where it is now; False if it cannot be placed."""
        if copy['where'] is None:
            return False
        hash_attrs, range_attrs, sort_attrs = copy['attrs']
        hash_value = DynamoType(attributes[table.hash_key_attr])
        range_value = DynamoType(attributes[table.range_key_attr]) if table.range_key_attr else None
        primary = (hash_value, range_value)
        before = copy['where'].pop(primary, None)
        if before is not None:
            value, key = before
            keys, items = copy['keys'][value], copy['parts'][value]
            at = bisect.bisect_left(keys, key)
            while at < len(keys) and keys[at] == key and (items[at].hash_key, items[at].range_key) != primary:
                at += 1
            if at == len(keys) or keys[at] != key:
                return False
            del keys[at]
            del items[at]
            if not items:
                del copy['parts'][value], copy['keys'][value], copy['types'][value]
        stored = table.items.get(hash_value)
        item = stored.get(range_value) if table.range_key_attr and stored is not None else stored
        if isinstance(item, Item) and item.attrs.get(hash_attrs[0]) and item.attrs.get(range_attrs[0]):
            value = item.attrs[hash_attrs[0]]
            types = tuple(item.attrs[attr].type for attr in sort_attrs)
            if copy['types'].setdefault(value, types) != types:
                return False
            key = sort_key(item, sort_attrs)
            keys, items = copy['keys'].setdefault(value, []), copy['parts'].setdefault(value, [])
            at = bisect.bisect_right(keys, key)
            keys.insert(at, key)
            items.insert(at, item)
            copy['where'][primary] = (value, key)
        return True

    def partitions(table, index_name, hash_attrs, range_attrs):
        entry = cache.get(table.name)
        keys = written_keys.pop(table.name, [])
        if (entry is None or entry['table'] is not table or entry['unknown_writes'] != unknown_writes['count']
                or keys is None):
            entry = {'table': table, 'unknown_writes': unknown_writes['count'], 'indexes': {}}
            cache[table.name] = entry
        elif keys:
            for name, copy in list(entry['indexes'].items()):
                try:
                    moved = all(move(table, copy, attributes) for attributes in keys)
                except Exception:  # a write moto refused, with a key it cannot hold: a rebuild is always right
                    moved = False
                if not moved:
                    del entry['indexes'][name]
        copy = entry['indexes'].get(index_name)
        if copy is None:
            copy = entry['indexes'][index_name] = build(table, hash_attrs, range_attrs)
        return copy['parts']

    def reachable(table, index_name, hash_key_conditions, range_key_conditions, limit, start_key, forward):
        index = {i.name: i for i in table.all_indexes()}.get(index_name)
        if index is None or not isinstance(forward, bool) or len(hash_key_conditions or ()) != 1:
            return None
        hashes = [k['AttributeName'] for k in index.schema if k['KeyType'] == 'HASH']
        ranges = [k['AttributeName'] for k in index.schema if k['KeyType'] == 'RANGE']
        if len(hashes) != 1 or len(ranges) != 1 or hash_key_conditions[0][0] != hashes[0]:
            return None
        if len(range_key_conditions or ()) > 1:
            return None
        comparison, bounds = None, []
        if range_key_conditions:
            name, comparison, bounds = range_key_conditions[0]
            if name != ranges[0]:
                return None
        op = (comparison or '').upper()
        hash_attrs, range_attrs = [hashes[0], table.hash_key_attr], [ranges[0], table.range_key_attr]
        items = partitions(table, index_name, hash_attrs, range_attrs).get(hash_key_conditions[0][1], [])
        sort_attrs = table._generate_attr_to_sort_by(hash_attrs, range_attrs)

        def range_of(item):
            return item.attrs[ranges[0]]

        def left(value):
            return bisect.bisect_left(items, value, key=range_of)

        def right(value):
            return bisect.bisect_right(items, value, key=range_of)

        # The matching items are one run in index order: [first, end).
        if op in ('', 'LT', '<', 'LE', '<='):
            first = 0
        elif op in ('EQ', '=', 'GE', '>=', 'BETWEEN', 'BEGINS_WITH'):
            first = left(bounds[0])
        elif op in ('GT', '>'):
            first = right(bounds[0])
        else:
            return None
        if forward:
            at = first
            if start_key is not None:
                if any(attr not in start_key for attr in sort_attrs):
                    return None
                start = tuple(DynamoType(start_key[attr]) for attr in sort_attrs)
                at = max(at, bisect.bisect_left(items, start, key=lambda i: tuple(i.attrs[a] for a in sort_attrs)))
        else:
            if op in ('', 'GT', '>', 'GE', '>='):
                at = len(items) - 1
            elif op in ('EQ', '=', 'LE', '<='):
                at = right(bounds[0]) - 1
            elif op in ('LT', '<'):
                at = left(bounds[0]) - 1
            elif op == 'BETWEEN':
                at = right(bounds[1]) - 1
            else:
                return None
            if start_key is not None:
                if any(attr not in start_key for attr in sort_attrs):
                    return None
                start = tuple(DynamoType(start_key[attr]) for attr in sort_attrs)
                at = min(at, bisect.bisect_right(items, start, key=lambda i: tuple(i.attrs[a] for a in sort_attrs)) - 1)
        reached, matches, step = [], 0, 1 if forward else -1
        while 0 <= at < len(items):
            item = items[at]
            at += step
            if start_key is not None:
                if table._item_comes_before_dct(item, start_key, hash_attrs, range_attrs, forward):
                    continue  # moto skips the start key's item itself
                start_key = None
            reached.append(item)
            if limit is not None and matches == limit:
                break  # moto ends the page here, with this item's predecessor as LastEvaluatedKey
            if comparison is None or range_of(item).compare(comparison, bounds):
                matches += 1
            else:
                break  # past the run: nothing further matches
        return reached

    def all_items(self):
        items = getattr(narrowed, 'items', None)
        return original_all_items(self) if items is None else list(items)

    # moto computes each result's size twice (to check the 1 MB page limit, then to add it up); once per query will
    # do, the items do not change while the lock is held.
    original_size = Item.size

    def size(self):
        sizes = getattr(narrowed, 'sizes', None)
        if sizes is None:
            return original_size(self)
        found = sizes.get(id(self))
        if found is None:
            found = sizes[id(self)] = original_size(self)
        return found

    def query(self, hash_key, range_comparison, range_objs, limit, exclusive_start_key, scan_index_forward,
              projection_expressions, index_name=None, consistent_read=False, filter_expression=None,
              hash_key_conditions=None, range_key_conditions=None, **filter_kwargs):
        items = None
        if index_name and not filter_kwargs:
            items = reachable(self, index_name, hash_key_conditions, range_key_conditions, limit,
                              exclusive_start_key, scan_index_forward)
        elif not index_name and not filter_kwargs and self.range_key_attr and isinstance(hash_key, DynamoType):
            # A query of the table itself: moto sorts every item of the table to keep one partition's; the partition
            # is already at hand, and moto sorts it by range key next anyway.
            items = list(self.items.get(hash_key, {}).values())
        narrowed.items = items
        narrowed.sizes = None if items is None else {}
        try:
            return original_query(self, hash_key, range_comparison, range_objs, limit, exclusive_start_key,
                                  scan_index_forward, projection_expressions, index_name, consistent_read,
                                  filter_expression, hash_key_conditions=hash_key_conditions,
                                  range_key_conditions=range_key_conditions, **filter_kwargs)
        finally:
            narrowed.items = None
            narrowed.sizes = None

    Table.all_items = all_items
    Item.size = size
    Table.query = query
    dynamodb_request_listeners.append(written)


patch('index-query', answer_index_queries_from_a_sorted_index)


# ---------------------------------------------------------------- simple UpdateItems without the expression machinery
# moto runs every UpdateExpression through its generic parser, then ten validators that each walk a deep copy of the
# tree, then an executor whose every SET recomputes the size of the whole item (LimitedSizeDict): a payment's finish,
# one SET of a dozen attributes with a condition, took 16 ms of moto's one core, about 0.9 ms per attribute, and it is
# most of what seeding and finishing payments cost the local endpoint. The expressions the functions write are mostly
# plain: "SET #a = :a, ..." / "REMOVE #a, ..." / "ADD #n :n, ..." on top-level attributes named by placeholders. Such
# an update is applied here directly: moto's own condition check first (same parser, same ConditionalCheckFailed), the
# item created with its key when absent (as moto does), SET and REMOVE as moto's executors do them, ADD of a number
# with moto's own DynamoType addition. Everything else goes to moto unchanged: other clauses or operands (functions,
# arithmetic, nested paths, DELETE), a clause twice, an attribute named twice, a key attribute or an attribute an index
# is keyed on, sets, ADD to a non-number, attribute updates or Expected, a table with a stream, an item that could near
# the 400 KB limit, a placeholder that is not given. So whatever moto would refuse, moto still refuses.
def apply_simple_updates_directly():
    import re
    from moto.dynamodb.models import DynamoDBBackend
    from moto.dynamodb.models.dynamo_type import DynamoType
    from moto.dynamodb.comparisons import create_condition_expression_parser
    from moto.dynamodb.exceptions import ConditionalCheckFailed

    original = DynamoDBBackend.update_item
    if list(__import__('inspect').signature(original).parameters)[:10] != [
            'self', 'table_name', 'key', 'update_expression', 'expression_attribute_names',
            'expression_attribute_values', 'attribute_updates', 'expected', 'condition_expression',
            'return_values_on_condition_check_failure']:
        raise RuntimeError('moto DynamoDBBackend.update_item has another signature')
    token = re.compile(r'\s*(#[A-Za-z0-9_]+|:[A-Za-z0-9_]+|[A-Za-z]+|=|,|\S)')
    keywords = ('SET', 'REMOVE', 'ADD')
    small_enough = 300_000  # moto refuses items over 405,000 bytes; far under it, no refusal is possible
    sets = ('SS', 'NS', 'BS')

    def plan(expression, names, values, table):
        """[(action, attribute, value)] for a plain expression, or None."""
        tokens = token.findall(expression)
        if ''.join(tokens) != re.sub(r'\s+', '', expression):
            return None
        actions, seen_clauses, seen_names = [], set(), set()
        protected = set(table.table_key_attrs) | {a['AttributeName'] for a in (table.attr or [])}
        i = 0
        while i < len(tokens):
            clause = tokens[i].upper()
            if clause not in keywords or clause in seen_clauses:
                return None
            seen_clauses.add(clause)
            i += 1
            while True:
                if i >= len(tokens) or not tokens[i].startswith('#') or tokens[i] not in (names or {}):
                    return None
                name = names[tokens[i]]
                if name in seen_names or name in protected:
                    return None
                seen_names.add(name)
                i += 1
                value = None
                if clause == 'SET':
                    if i + 1 >= len(tokens) or tokens[i] != '=':
                        return None
                    i += 1
                if clause in ('SET', 'ADD'):
                    if i >= len(tokens) or not tokens[i].startswith(':') or tokens[i] not in (values or {}):
                        return None
                    value = values[tokens[i]]
                    if not isinstance(value, dict) or len(value) != 1 or next(iter(value)) in sets:
                        return None
                    if clause == 'ADD' and next(iter(value)) != 'N':
                        return None
                    i += 1
                actions.append((clause, name, value))
                if i < len(tokens) and tokens[i] == ',':
                    i += 1
                    continue
                break
        return actions or None

    def update_item(self, table_name, key, update_expression, expression_attribute_names,
                    expression_attribute_values, attribute_updates=None, expected=None,
                    condition_expression=None, return_values_on_condition_check_failure=None):
        def moto():
            return original(self, table_name, key, update_expression, expression_attribute_names,
                            expression_attribute_values, attribute_updates, expected, condition_expression,
                            return_values_on_condition_check_failure)
        table = self.tables.get(table_name)
        if (table is None or not update_expression or attribute_updates or expected
                or table.stream_shard is not None or table.range_key_attr is None
                or table.hash_key_attr not in key or table.range_key_attr not in key or len(key) != 2):
            return moto()
        actions = plan(update_expression, expression_attribute_names, expression_attribute_values, table)
        if actions is None:
            return moto()
        hash_value = DynamoType(key[table.hash_key_attr])
        range_value = DynamoType(key[table.range_key_attr])
        item = table.get_item(hash_value, range_value)
        added = [DynamoType(value) for clause, _, value in actions if clause != 'REMOVE']
        if (item.size() if item is not None else 0) + sum(v.size() + 64 for v in added) > small_enough:
            return moto()
        if item is not None:
            for clause, name, _ in actions:
                current = item.attrs.get(name)
                if clause == 'ADD' and current is not None and (type(current) is not DynamoType or current.type != 'N'):
                    return moto()
        condition = create_condition_expression_parser(
            condition_expression, expression_attribute_names, expression_attribute_values).parse()
        if not condition.expr(item):
            if return_values_on_condition_check_failure == 'ALL_OLD' and item is not None:
                raise ConditionalCheckFailed(item=item.to_json()['Attributes'])
            raise ConditionalCheckFailed
        if item is None:
            table.put_item({table.hash_key_attr: {hash_value.type: hash_value.value},
                            table.range_key_attr: {range_value.type: range_value.value}})
            item = table.get_item(hash_value, range_value)
        attrs = item.attrs
        for clause, name, value in actions:
            if clause == 'SET':
                dict.__setitem__(attrs, name, DynamoType(value))
            elif clause == 'REMOVE':
                attrs.pop(name, None)
            else:
                current = attrs.get(name)
                total = (current if current is not None else DynamoType({'N': '0'})) + DynamoType(value)
                dict.__setitem__(attrs, name, total)
        return item

    DynamoDBBackend.update_item = update_item


patch('simple-updates', apply_simple_updates_directly)


# ---------------------------------------------------------------- DynamoDB attribute values written as kept
# moto 5.2 writes every answer by walking the operation's output shape in botocore's model, and each attribute value of
# an item is a structure of ten members, each looked up under two names: a BatchGetItem of 60 payments took 94 ms of
# moto's one core and a GetItem 2.5 ms (in process, with boto3), nearly all of it in that walk. In the cold-start bench
# a BatchGetItem cost 14 ms, a Query 6 ms. moto keeps items as the wire's attribute values ({"S": ...}, {"M": {...}}):
# a value made only of S, N, BOOL, NULL, M, L, SS and NS, each of its wire type, is written as it is, which is what the
# walk writes for it (13 ms and 1.0 ms). Anything else (a binary value, whose base64 the walk adds, or another form) is
# left to the walk.
def write_attribute_values_as_kept():
    import json as _json
    from moto.core.responses import get_service_model
    from moto.core.serialize import BaseJSONSerializer, JSONSerializer, XFormedAttributePicker

    walk = BaseJSONSerializer._serialize_type_structure
    scalar = {'S': str, 'N': str, 'BOOL': bool, 'NULL': bool}

    def plain(value):
        if type(value) is not dict or len(value) != 1:
            return False
        (kind, inner), = value.items()
        wire_type = scalar.get(kind)
        if wire_type is not None:
            return type(inner) is wire_type
        if kind == 'M':
            return type(inner) is dict and all(type(k) is str and plain(v) for k, v in inner.items())
        if kind == 'L':
            return type(inner) is list and all(plain(v) for v in inner)
        if kind in ('SS', 'NS'):
            return type(inner) is list and all(type(v) is str for v in inner)
        return False

    def serialize_type_structure(self, serialized, value, shape, key):
        if (key and shape.name == 'AttributeValue' and self.service_model.service_name == 'dynamodb'
                and plain(value)):
            self._default_serialize(serialized, value, shape, key)
        else:
            walk(self, serialized, value, shape, key)

    # Tried before it is used: every form of value written as the walk writes it.
    sample = {'Responses': {'t': [{
        'pk': {'S': 'p#1'}, 'n': {'N': '-1.50'}, 'yes': {'BOOL': True}, 'no': {'BOOL': False}, 'nothing': {'NULL': True},
        'words': {'SS': ['a', 'é']}, 'numbers': {'NS': ['1', '2']}, 'bytes': {'B': 'AAE='},
        'map': {'M': {'inner': {'L': [{'S': 'x'}, {'M': {}}, {'L': []}, {'N': '0'}]}, 'empty': {'S': ''}}},
    }]}, 'UnprocessedKeys': {}}
    operation = get_service_model('dynamodb').operation_model('BatchGetItem')

    def answer():
        return JSONSerializer(operation_model=operation, value_picker=XFormedAttributePicker()).serialize(sample)['body']

    expected = answer()
    BaseJSONSerializer._serialize_type_structure = serialize_type_structure
    if _json.loads(answer()) != _json.loads(expected):
        BaseJSONSerializer._serialize_type_structure = walk
        raise RuntimeError('values written as kept differ from the walk: ' + answer() + ' / ' + expected)


patch('attribute-values', write_attribute_values_as_kept)


# ---------------------------------------------------------------- projections of top-level attributes
# moto projects an item (a KEYS_ONLY or INCLUDE index's entries, a ProjectionExpression) by turning the whole item into
# plain Python values once for every projected name, then turning what it kept back into attribute values: a Query of 50
# entries of a KEYS_ONLY index (four key attributes) converted every payment four times, 62 % of that Query's 7.5 ms of
# moto's core. When every projected name is a top-level attribute (no nested path, no list index), the same conversion,
# there and back, is done on just the projected attributes, once each, in the same order: the same item. Any other
# projection is moto's own.
def project_top_level_attributes_only():
    from moto.dynamodb.models.dynamo_type import Item, deserializer, serializer

    original_project = Item.project

    def project(self, projection_expressions):
        if not all(len(path) == 1 and type(path[0]) is str and '[' not in path[0] for path in projection_expressions):
            return original_project(self, projection_expressions)
        kept = {}
        for (name,) in projection_expressions:
            value = self.attrs.get(name)
            if value is not None and name not in kept:
                kept[name] = deserializer.deserialize(value.to_regular_json())
        return Item(hash_key=self.hash_key, range_key=self.range_key, attrs=serializer.serialize(kept)['M'])

    Item.project = project


patch('top-level-projection', project_top_level_attributes_only)


# ---------------------------------------------------------------- HTTP/1.1 keep-alive
# werkzeug answers every request with "Connection: close" (Python's http.server cannot drain a request body the
# application left unread before reading the next request line), so every SDK call opened a TCP connection and moto
# started a thread for it: 41 % of moto's CPU went outside any request (bench/analysis.md, issue 16 §4). This request
# handler keeps connections open: a request's body is read through a stream that ends at its Content-Length (or its
# last chunk) and whatever the application left unread is drained before the next request line; every response has a
# Content-Length or is chunked, none is written for HEAD, 1xx, 204 and 304; a response whose length cannot be told
# (an error after its headers were sent, a body shorter or longer than its Content-Length, a request body that cannot
# be drained) closes the connection, as does "Connection: close" or an HTTP/1.0 request. Still one thread per
# connection (a long poll holds its connection for up to 20 s); a connection idle for IDLE_TIMEOUT_S is closed (the
# JDK's keep-alive cache drops its idle ones after 5 s). GET CONNECTIONS_PATH answers the counts above as JSON.
IDLE_TIMEOUT_S = 60
CONNECTIONS_PATH = '/jeton-moto-launcher/connections'
DRAIN_LIMIT = 64 * 1024 * 1024  # a larger unread request body: close the connection rather than read it
def keep_connections_alive():
    import json as json_module
    import socket
    import traceback
    import werkzeug.serving as serving
    from werkzeug.exceptions import InternalServerError

    if server.run_simple is not serving.run_simple:
        raise RuntimeError('moto.server does not serve with werkzeug.serving.run_simple')
    base = serving.WSGIRequestHandler
    for name in ('run_wsgi', 'make_environ', 'connection_dropped'):
        if not callable(getattr(base, name, None)):
            raise RuntimeError('werkzeug WSGIRequestHandler has no ' + name)
    dropped = serving.connection_dropped_errors
    no_body_codes = (204, 304)

    class RequestBody(io.RawIOBase):
        """A request body of Content-Length bytes: read from the connection, never past its end."""

        def __init__(self, rfile, length):
            self._rfile = rfile
            self.left = length
            self.truncated = False

        def readable(self):
            return True

        def readinto(self, buffer):
            if self.left <= 0:
                return 0
            view = memoryview(buffer)[:min(len(buffer), self.left)]
            read = self._rfile.readinto(view)
            if not read:
                self.truncated = True  # the client closed its side half way through the body
                self.left = 0
                return 0
            self.left -= read
            return read

    def drain(stream):
        """Reads what the application left of a request body: True when the next request line is next."""
        total = 0
        while total <= DRAIN_LIMIT:
            data = stream.read(65536)
            if not data:
                return True
            total += len(data)
        return False

    class KeepAliveRequestHandler(base):
        protocol_version = 'HTTP/1.1'
        timeout = IDLE_TIMEOUT_S  # socketserver sets it on the connection: an idle or stalled client is let go

        def setup(self):
            super().setup()
            try:
                # Without it a response written in two segments waits for the client's delayed ACK.
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                pass
            with connection_counts_lock:
                connection_counts['accepted'] += 1
                connection_counts['open'] += 1

        def finish(self):
            try:
                super().finish()
            finally:
                with connection_counts_lock:
                    connection_counts['open'] -= 1

        def log_error(self, format, *args):
            if not format.startswith('Request timed out'):  # an idle keep-alive connection let go: not an error
                super().log_error(format, *args)

        def answer(self, code, body, content_type='application/json'):
            self.send_response(code)
            self.send_header('Content-Type', content_type)
            self.send_header('Content-Length', str(len(body)))
            if self.close_connection:
                self.send_header('Connection', 'close')
            self.end_headers()
            if self.command != 'HEAD':
                self.wfile.write(body)

        def run_wsgi(self):
            with connection_counts_lock:
                connection_counts['requests'] += 1
            if self.request_version != 'HTTP/1.1':
                self.close_connection = True  # an HTTP/1.0 client expects the end of the response at the close
            if self.path == CONNECTIONS_PATH and self.command == 'GET':
                self.answer(200, json_module.dumps(connection_counts_snapshot()).encode())
                return
            chunked = 'chunked' in self.headers.get('Transfer-Encoding', '').lower()
            length = 0
            if not chunked:
                declared = self.headers.get('Content-Length')
                try:
                    length = int(declared) if declared is not None else 0
                except ValueError:
                    length = -1
                if length < 0:
                    self.close_connection = True
                    self.answer(400, b'invalid Content-Length', 'text/plain')
                    return
            if self.headers.get('Expect', '').lower().strip() == '100-continue':
                self.wfile.write(b'HTTP/1.1 100 Continue\r\n\r\n')
            self.environ = environ = self.make_environ()  # wraps a chunked body in werkzeug's DechunkedInput
            body_stream = environ['wsgi.input']
            if not chunked:
                raw = RequestBody(self.rfile, length)
                body_stream = io.BufferedReader(raw)
                environ['wsgi.input'] = body_stream
            head = self.command == 'HEAD'
            status_set = headers_set = None
            sent = {'status': None, 'chunked': False, 'declared': None, 'written': 0, 'no_body': False}

            def write(data):
                if sent['status'] is None:
                    status, headers = status_set, headers_set
                    sent['status'] = status
                    code_text, _, message = status.partition(' ')
                    code = int(code_text)
                    self.send_response(code, message)
                    names = set()
                    for key, value in headers:
                        if key.lower() == 'connection':
                            continue  # this handler decides
                        self.send_header(key, value)
                        names.add(key.lower())
                        if key.lower() == 'content-length':
                            sent['declared'] = int(value)
                    sent['no_body'] = head or 100 <= code < 200 or code in no_body_codes
                    if 'content-length' not in names and not sent['no_body']:
                        sent['chunked'] = True
                        self.send_header('Transfer-Encoding', 'chunked')
                    if self.close_connection:
                        self.send_header('Connection', 'close')
                    # The headers and the first part of the body in one write.
                    self._headers_buffer.append(b'\r\n')
                    if data and not sent['no_body']:
                        self._headers_buffer.append(frame(data))
                        sent['written'] += len(data)
                    self.wfile.write(b''.join(self._headers_buffer))
                    self._headers_buffer = []
                    return
                if data and not sent['no_body']:
                    self.wfile.write(frame(data))
                    sent['written'] += len(data)

            def frame(data):
                if sent['chunked']:
                    return b'%x\r\n%s\r\n' % (len(data), data)
                return data

            def start_response(status, headers, exc_info=None):
                nonlocal status_set, headers_set
                if exc_info:
                    try:
                        if sent['status'] is not None:
                            raise exc_info[1].with_traceback(exc_info[2])
                    finally:
                        exc_info = None
                elif headers_set is not None:
                    raise AssertionError('Headers already set')
                status_set, headers_set = status, headers
                return write

            def execute(app):
                application_iter = app(environ, start_response)
                try:
                    for data in application_iter:
                        write(data)
                    if sent['status'] is None:
                        write(b'')
                    if sent['chunked']:
                        self.wfile.write(b'0\r\n\r\n')
                finally:
                    if hasattr(application_iter, 'close'):
                        application_iter.close()

            try:
                execute(self.server.app)
            except dropped as e:
                self.close_connection = True
                self.connection_dropped(e, environ)
                return
            except Exception:
                if self.server.passthrough_errors:
                    raise
                if sent['status'] is not None:
                    self.close_connection = True  # the response's end cannot be told any more
                else:
                    status_set = headers_set = None
                    try:
                        execute(InternalServerError())
                    except Exception:
                        self.close_connection = True
                self.log_error('Error on request:\n%s', traceback.format_exc())
            if sent['declared'] is not None and not sent['no_body'] and sent['written'] != sent['declared']:
                self.close_connection = True  # the client would read the next response into this one
            if not self.close_connection:
                try:
                    if not drain(body_stream) or (not chunked and raw.truncated):
                        self.close_connection = True
                except (OSError, ValueError):
                    self.close_connection = True

    original_run_simple = server.run_simple

    def run_simple(*args, **kwargs):
        kwargs['request_handler'] = KeepAliveRequestHandler
        return original_run_simple(*args, **kwargs)

    server.run_simple = run_simple


patch('keep-alive', keep_connections_alive)


# ---------------------------------------------------------------- capacity and metrics only when asked
# DynamoDB answers ConsumedCapacity only to a request whose ReturnConsumedCapacity is TOTAL or INDEXES, and
# ItemCollectionMetrics only when ReturnItemCollectionMetrics is SIZE. moto adds them unasked (made-up figures) to
# UpdateItem, DeleteItem, TransactWriteItems and BatchGetItem answers, so a client parsed fields the real service never
# sends: the SDK's capacity model and its floating-point parser, loaded by a function's first such call only here.
def answer_capacity_only_when_asked():
    def drop_unasked(request_body, answer):
        if b'Capacity' not in answer and b'ItemCollectionMetrics' not in answer:
            return answer
        try:
            request = json.loads(request_body or b'{}')
            document = json.loads(answer)
        except ValueError:
            return answer
        if not isinstance(request, dict) or not isinstance(document, dict):
            return answer
        unasked = []
        if request.get('ReturnConsumedCapacity', 'NONE') == 'NONE':
            unasked += ['ConsumedCapacity', 'ConsumedCapacityUnits']
        if request.get('ReturnItemCollectionMetrics', 'NONE') == 'NONE':
            unasked.append('ItemCollectionMetrics')
        present = [key for key in unasked if key in document]
        if not present:
            return answer
        for key in present:
            del document[key]
        return json.dumps(document, separators=(',', ':')).encode('utf-8')

    dynamodb_answer_filters.append(drop_unasked)


patch('asked-capacity', answer_capacity_only_when_asked)

server.main(sys.argv[1:])
