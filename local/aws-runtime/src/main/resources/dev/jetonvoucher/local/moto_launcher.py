# The moto server of the local AWS endpoint: MotoServer runs this with `python3 -c`, followed by moto.server's own
# arguments (-H host -p port). It is moto.server with a watchdog and a few changes to how moto serves requests,
# none to what it answers. Each change that applies prints "jeton-moto-launcher: patched NAME" (MotoServer reads
# these from the log); one that does not fit the installed moto is left out with a note, and moto runs as it is.
import io
import os
import sys
import threading


def exit_when_parent_jvm_is_gone():
    # stdin is a pipe held by the JVM that started this server: EOF means that JVM is gone, even after kill -9.
    sys.stdin.read()
    os._exit(0)


threading.Thread(target=exit_when_parent_jvm_is_gone, daemon=True).start()

import moto.server as server  # noqa: E402


def note(message):
    print("jeton-moto-launcher: " + message, file=sys.stderr, flush=True)


def patch(name, apply):
    try:
        apply()
        note("patched " + name)
    except Exception as e:  # a moto whose internals differ: run it unchanged
        note("not patched " + name + ": " + type(e).__name__ + ": " + str(e))


# ---------------------------------------------------------------- DynamoDB requests serialised
# moto serves each request on its own thread without a lock, so two concurrent conditional writes can both pass.
# DynamoDB really is atomic per request: serialise DynamoDB (only; SQS long polls must not wait) behind one lock.
dynamodb_lock = threading.Lock()


class SerialisedDynamoDb(server.DomainDispatcherApplication):
    def __call__(self, environ, start_response):
        if environ.get('HTTP_X_AMZ_TARGET', '').startswith('DynamoDB'):
            # Read the whole request before taking the lock: a client that stops half way through sending must
            # not hold every other DynamoDB request up.
            length = int(environ.get('CONTENT_LENGTH') or 0)
            environ['wsgi.input'] = io.BytesIO(environ['wsgi.input'].read(length))
            with dynamodb_lock:
                return list(super().__call__(environ, start_response))
        return super().__call__(environ, start_response)


server.DomainDispatcherApplication = SerialisedDynamoDb


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
# meanwhile. The backup it needs is the table as it was for the items the transaction writes: a copy of the table
# object and of its key index (references, no item copied) with deep copies of just those items. moto restores a
# backup by putting it in the table's place, as before. Tables with a stream (whose records a rollback also undoes)
# and requests whose keys cannot be read get moto's own deep copy.
def back_up_only_the_written_items():
    import copy as real_copy
    from moto.dynamodb import models as dynamodb
    from moto.dynamodb.models.dynamo_type import DynamoType
    from moto.dynamodb.models.table import Table

    backend_class = dynamodb.DynamoDBBackend
    if getattr(dynamodb, 'copy', None) is not real_copy:
        raise RuntimeError('moto.dynamodb.models does not use the copy module')
    state = threading.local()

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

    def backup(table, keys):
        copied = real_copy.copy(table)
        copied.items = real_copy.copy(table.items)
        for hash_key, range_key in keys:
            if range_key is None:
                if hash_key in table.items:
                    copied.items[hash_key] = real_copy.deepcopy(table.items[hash_key])
            elif hash_key in table.items:
                if copied.items[hash_key] is table.items[hash_key]:
                    copied.items[hash_key] = dict(table.items[hash_key])
                if range_key in table.items[hash_key]:
                    copied.items[hash_key][range_key] = real_copy.deepcopy(table.items[hash_key][range_key])
        return copied

    class CopyOfTheWrittenItems:
        def __getattr__(self, name):
            return getattr(real_copy, name)

        def deepcopy(self, value, memo=None):
            keys = getattr(state, 'keys', None)
            if type(value) is Table and keys is not None and value.name in keys and value.stream_shard is None:
                backups = state.backups
                if value.name not in backups:  # the same table, named by several items: one backup will do
                    backups[value.name] = backup(value, keys[value.name])
                return backups[value.name]
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

server.main(sys.argv[1:])
