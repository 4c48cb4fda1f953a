package dev.stablestructures.runtime;

import dev.stablestructures.BadMagicException;
import dev.stablestructures.codec.Principal;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.memory.FileMemory;
import dev.stablestructures.memory.FileMemoryOptions;
import dev.stablestructures.memory.HeapMemory;
import dev.stablestructures.memory.Memory;
import dev.stablestructures.runtime.meter.LimitExceededException;
import dev.stablestructures.runtime.meter.MessageKind;
import dev.stablestructures.runtime.meter.Meter;
import dev.stablestructures.runtime.meter.MeteredMemory;
import dev.stablestructures.tx.Transaction;
import dev.stablestructures.tx.Transactions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Runs one canister over one stable memory, as the IC does: install, upgrade, reinstall, update and
 * query messages, each one top-level transaction ({@link Transactions}) over the root memory.
 *
 * <pre>
 * +-------------+--------------------------------------------------------------+------------------+
 * | message     | what runs, in order                                          | when it traps    |
 * +-------------+--------------------------------------------------------------+------------------+
 * | install     | memory must be empty; new code instantiated; init(arg)       | memory as before |
 * | upgrade     | old preUpgrade (unless skipped); old instance dropped; new   | old code stays,  |
 * |             | code instantiated (init NOT called); version check;          | memory as before |
 * |             | migrations s..n-1; postUpgrade(arg)                          |                  |
 * | reinstall   | memory wiped (see Wipe); new code instantiated; init(arg)    | old code stays   |
 * | update      | the method; its writes are kept                              | nothing changed  |
 * | query       | the method; its writes are always rolled back                | nothing changed  |
 * | dry run     | an upgrade, then rolled back whatever happened               | nothing changed  |
 * +-------------+--------------------------------------------------------------+------------------+
 * </pre>
 *
 * <p>A trap is any exception escaping user code; it throws {@link CanisterTrapException} after the
 * rollback. A named-memory mismatch or a stable version the code cannot take throws {@link
 * UpgradeIncompatibleException}, also after the rollback; a message the lifecycle state does not
 * allow throws {@link CanisterStateException} and runs nothing. The installed code record (name,
 * hash, version counter, last upgrade, principal) lives in memory 254 with the named-memory
 * declarations, so it commits and rolls back with the state; the host's heap instance is replaced
 * only after a commit. So after any trap, and after a crash at any point (a {@link FileMemory}'s
 * journal puts back the last commit when the image is opened again), the old code is installed and
 * the stable memory holds its last committed bytes. "The same bytes" means: every byte up to the
 * memory's size before the message is as before, and pages a rolled-back message grew stay, zeroed
 * (a memory never shrinks while it is open; a reopened file is cut back).
 *
 * <p>The JVM cannot roll back heap objects: fields that user code changed in a message that trapped
 * keep their changes, and a dry run calls the live instance's {@code preUpgrade}. Keep state in
 * stable structures, which reload after a rollback.
 *
 * <p>A host opened over an image with installed code has no instance until {@link
 * #attach(CanisterCode)} gives it the installed code again (a new process, as the cli's commands
 * are): no hook runs then. One thread at a time; the host is not thread-safe.
 */
public final class Host implements AutoCloseable {
  private final Memory root;
  private final FileMemory file;
  private final HostOptions options;
  private final MeteredMemory wired;

  /** The manager over {@link #wired}; null while the memory is empty. */
  private MemoryManager manager;

  /** The committed metadata; null while nothing is installed. */
  private RuntimeMetadata committed;

  /** The live instance of the installed code; null until installed or attached. */
  private CanisterInstance instance;

  private boolean running;
  private boolean closed;

  private Host(Memory root, FileMemory file, HostOptions options) {
    this.root = root;
    this.file = file;
    this.options = Objects.requireNonNull(options, "options");
    this.wired = wire(root);
    if (!isEmpty(root)) {
      try {
        manager = MemoryManager.load(wired);
      } catch (BadMagicException e) {
        throw new CanisterStateException(
            "the stable memory holds something other than a canister: " + e.getMessage(), e);
      }
      committed = RuntimeMetadata.read(manager.get(RuntimeMetadata.MEMORY_ID));
    }
  }

  /**
   * The one place the host's memory is wired: the memory manager, and so every structure of the
   * canister, sits on a {@link MeteredMemory} over the root, charged to each message's meter. The
   * transactions are always over {@link #root}; the reinstall's wipe writes the root directly.
   */
  private static MeteredMemory wire(Memory root) {
    return new MeteredMemory(root);
  }

  // ---------------------------------------------------------------- opening

  /**
   * Opens a host over an image file ({@link FileMemory}, created if missing), with the default
   * options.
   *
   * @param image the image file; its journal is kept beside it
   * @return the host; close it
   * @throws CanisterStateException if the image holds something other than a canister
   * @throws dev.stablestructures.MemoryLockedException if another host has the image open
   */
  public static Host open(Path image) {
    return open(image, HostOptions.defaults());
  }

  /**
   * Opens a host over an image file with these options.
   *
   * @param image the image file; its journal is kept beside it
   * @param options the options
   * @return the host; close it
   * @throws CanisterStateException if the image holds something other than a canister
   * @throws dev.stablestructures.MemoryLockedException if another host has the image open
   */
  public static Host open(Path image, HostOptions options) {
    FileMemory memory =
        FileMemory.open(image, FileMemoryOptions.defaults().durability(options.durability()));
    try {
      return new Host(memory, memory, options);
    } catch (RuntimeException | Error e) {
      memory.close();
      throw e;
    }
  }

  /**
   * Opens a host over a new, empty {@link HeapMemory}, for tests.
   *
   * @return the host
   */
  public static Host inMemory() {
    return inMemory(HostOptions.defaults());
  }

  /**
   * Opens a host over a new, empty {@link HeapMemory} with these options.
   *
   * @param options the options
   * @return the host
   */
  public static Host inMemory(HostOptions options) {
    return over(new HeapMemory(), options);
  }

  /**
   * Opens a host over a memory the caller keeps (and closes): to inspect the image from a test, or
   * to run a canister over a memory of one's own. Nothing else may write the memory meanwhile.
   *
   * @param memory the root memory, with a journal (a {@link HeapMemory} or {@link FileMemory})
   * @param options the options (their durability is the memory's, not the options')
   * @return the host
   * @throws IllegalArgumentException if the memory has no journal
   * @throws CanisterStateException if it holds something other than a canister
   */
  public static Host over(Memory memory, HostOptions options) {
    Objects.requireNonNull(memory, "memory");
    if (memory.journal() == null) {
      throw new IllegalArgumentException(
          memory + " has no journal; a host's messages are transactions over it");
    }
    return new Host(memory, null, options);
  }

  /**
   * Gives the host the installed code again, in a process that did not install it: the code is
   * instantiated and no hook runs (the canister simply keeps running). It must be the installed
   * code: the same name, the same hash (unless one is a factory's) and the same stable version.
   *
   * @param code the installed code
   * @throws CanisterStateException if nothing is installed, code is already attached, or the code
   *     is not the installed one
   * @throws CanisterTrapException if the code's constructor or declarations throw
   */
  public void attach(CanisterCode code) {
    Objects.requireNonNull(code, "code");
    RuntimeMetadata installed = requireInstalled("attach");
    if (instance != null) {
      throw new CanisterStateException(
          "code '" + instance.code.name() + "' is already attached to this host");
    }
    if (!installed.codeName().equals(code.name()) || !sameHash(installed.codeHash(), code.hash())) {
      throw new CanisterStateException(
          "the installed code is '"
              + installed.codeName()
              + "' (hash "
              + HexFormat.of().formatHex(installed.codeHash())
              + "), not '"
              + code.name()
              + "' (hash "
              + code.hashHex()
              + "); upgrade to change the code");
    }
    CanisterInstance[] made = new CanisterInstance[1];
    execute(
        "attach of " + code.name(),
        MessageKind.QUERY,
        false,
        message -> {
          made[0] = CanisterInstance.of(code);
          if (made[0].stableVersion != installed.stableVersion()) {
            made[0].close();
            throw new CanisterStateException(
                "the stable memory is at version "
                    + installed.stableVersion()
                    + " but code '"
                    + code.name()
                    + "' declares version "
                    + made[0].stableVersion
                    + "; it is not the installed code: upgrade to it instead");
          }
          return null;
        });
    instance = made[0];
  }

  private static boolean sameHash(byte[] a, byte[] b) {
    byte[] none = new byte[a.length];
    return Arrays.equals(a, none) || Arrays.equals(b, none) || Arrays.equals(a, b);
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Installs code on the empty memory and runs its {@code init(arg)}.
   *
   * @param code the code
   * @param arg the init argument
   * @return the result (no reply)
   * @throws CanisterStateException if code is installed or the memory is not empty
   * @throws CanisterTrapException if user code traps; nothing is installed then
   */
  public CallResult install(CanisterCode code, byte[] arg) {
    Objects.requireNonNull(code, "code");
    checkOpen();
    if (committed != null) {
      throw new CanisterStateException(
          "code '"
              + committed.codeName()
              + "' (version "
              + committed.codeVersion()
              + ") is already installed; use upgrade or reinstall");
    }
    if (manager != null) {
      throw new CanisterStateException(
          "the stable memory is not empty: it holds a memory manager without a canister;"
              + " install needs an empty memory (reinstall overwrites it)");
    }
    return fresh("install of " + code.name(), code, arg, options.principal(), 0L);
  }

  /**
   * Replaces the installed code, keeping the stable memory: the old code's {@code preUpgrade}
   * (unless skipped), the new code's migrations from the stored stable version to its own, then its
   * {@code postUpgrade(arg)}; {@code init} is not called.
   *
   * @param code the new code (it may be the same jar: its classes are loaded afresh)
   * @param arg the post-upgrade argument
   * @param upgrade whether to skip {@code preUpgrade}
   * @return the result (no reply)
   * @throws CanisterStateException if nothing is installed, or the installed code is not attached
   *     and {@code preUpgrade} is not skipped
   * @throws CanisterTrapException if user code traps; the old code stays installed
   * @throws UpgradeIncompatibleException if the new code cannot take the stored state
   */
  public CallResult upgrade(CanisterCode code, byte[] arg, UpgradeOptions upgrade) {
    return upgrade(code, arg, upgrade, true);
  }

  /**
   * Runs an upgrade exactly as {@link #upgrade} does, then rolls back whatever happened: the image
   * keeps its bytes and the old code stays installed. It answers how the upgrade went: a result
   * (with its cost) if it would succeed, the exception {@link #upgrade} would throw if not.
   *
   * @param code the new code
   * @param arg the post-upgrade argument
   * @param upgrade whether to skip {@code preUpgrade}
   * @return the result the upgrade would have
   * @throws CanisterStateException as {@link #upgrade}
   * @throws CanisterTrapException if the upgrade would trap
   * @throws UpgradeIncompatibleException if the new code cannot take the stored state
   */
  public CallResult dryRunUpgrade(CanisterCode code, byte[] arg, UpgradeOptions upgrade) {
    return upgrade(code, arg, upgrade, false);
  }

  private CallResult upgrade(CanisterCode code, byte[] arg, UpgradeOptions upgrade, boolean keep) {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(upgrade, "upgrade");
    String what = (keep ? "upgrade to " : "dry-run upgrade to ") + code.name();
    RuntimeMetadata installed = requireInstalled(what);
    CanisterInstance old = instance;
    if (old == null && !upgrade.skipsPreUpgrade()) {
      throw new CanisterStateException(
          "the installed code '"
              + installed.codeName()
              + "' is not attached to this host, so its preUpgrade cannot run: attach it first,"
              + " or upgrade with UpgradeOptions.skipPreUpgrade()");
    }
    RuntimeMetadata working = installed.copy();
    return execute(
        what,
        MessageKind.UPGRADE,
        keep,
        message -> {
          if (!upgrade.skipsPreUpgrade()) {
            CanisterContext ctx = message.bind(manager, old, working, options.controller());
            Trapped.run(() -> old.canister.preUpgrade(ctx));
          }
          CanisterInstance next = CanisterInstance.of(code);
          message.onRollback(next::close);
          MessageScope scope = message.scope(manager, working, options.controller());
          CanisterContext ctx = message.bind(scope, next);
          next.migrate(working, scope, ctx);
          Trapped.run(() -> next.canister.postUpgrade(ctx, arg(arg)));
          working.installed(code, message.time.toEpochMilli());
          runOnCommit(message, manager, working, old, next);
          return null;
        });
  }

  /**
   * Wipes the stable memory and installs the code afresh ({@code init(arg)}), as the IC's reinstall
   * mode: the canister keeps its id and its version counter goes on. Every memory of the manager
   * becomes empty: page 0 and every allocated bucket are zeroed in the transaction and a new
   * manager is written (see the class {@code Wipe}); no {@code preUpgrade} runs.
   *
   * @param code the code
   * @param arg the init argument
   * @return the result (no reply)
   * @throws CanisterTrapException if user code traps; the old code and its memory stay
   */
  public CallResult reinstall(CanisterCode code, byte[] arg) {
    Objects.requireNonNull(code, "code");
    checkOpen();
    Principal principal = committed != null ? committed.principal() : options.principal();
    long counter = committed != null ? committed.codeVersion() : 0L;
    return fresh("reinstall of " + code.name(), code, arg, principal, counter);
  }

  /** Install and reinstall: an empty memory (wiped if it is not), new code, init. */
  private CallResult fresh(
      String what, CanisterCode code, byte[] arg, Principal principal, long counter) {
    MemoryManager before = manager;
    CanisterInstance old = instance;
    return execute(
        what,
        MessageKind.INSTALL,
        true,
        message -> {
          int bucketSize = MemoryManager.DEFAULT_BUCKET_SIZE_PAGES;
          if (before != null) {
            bucketSize = before.bucketSizeInPages();
            long used = (1L + (long) before.allocatedBuckets() * bucketSize) * Memory.PAGE_SIZE;
            Wipe.zero(root, used);
          }
          MemoryManager created = MemoryManager.create(wired, bucketSize);
          CanisterInstance next = CanisterInstance.of(code);
          message.onRollback(next::close);
          RuntimeMetadata meta =
              new RuntimeMetadata(
                  next.stableVersion, counter, 0L, principal, "", new byte[32], new Declarations());
          meta.installed(code, message.time.toEpochMilli());
          CanisterContext ctx = message.bind(created, next, meta, options.controller());
          Trapped.run(() -> next.canister.init(ctx, arg(arg)));
          runOnCommit(message, created, meta, old, next);
          return null;
        });
  }

  /**
   * Stores the new metadata in the message's transaction and, once the message commits, makes the
   * new instance the running code over {@code target} (closing the old instance): the end of every
   * install, reinstall and upgrade.
   */
  private void runOnCommit(
      Message message,
      MemoryManager target,
      RuntimeMetadata meta,
      CanisterInstance old,
      CanisterInstance next) {
    meta.write(target.get(RuntimeMetadata.MEMORY_ID));
    message.onCommit(
        () -> {
          manager = target;
          committed = meta;
          instance = next;
          if (old != null) {
            old.close();
          }
        });
  }

  // ---------------------------------------------------------------- calls

  /**
   * Sends an update message from the controller. A query method called this way runs as a query
   * (its writes are rolled back), as on the IC.
   *
   * @param method the method's name
   * @param arg the argument
   * @return the reply
   * @throws CanisterStateException if no code is attached or there is no such method
   * @throws CanisterTrapException if the method traps; nothing changed
   * @throws UpgradeIncompatibleException if the method declares a named memory that clashes
   */
  public CallResult update(String method, byte[] arg) {
    return update(method, arg, options.controller());
  }

  /**
   * Sends an update message from a caller.
   *
   * @param method the method's name
   * @param arg the argument
   * @param caller who calls
   * @return the reply
   * @throws CanisterStateException if no code is attached or there is no such method
   * @throws CanisterTrapException if the method traps; nothing changed
   * @throws UpgradeIncompatibleException if the method declares a named memory that clashes
   */
  public CallResult update(String method, byte[] arg, Principal caller) {
    CanisterInstance live = attached("update '" + method + "'");
    EntryPoint point = method(live, method);
    return send(live, method, point, arg, caller, !live.points.isQuery(method));
  }

  /**
   * Sends a query message from the controller: its writes are always rolled back.
   *
   * @param method the method's name, a query
   * @param arg the argument
   * @return the reply
   * @throws CanisterStateException if no code is attached, there is no such method, or it is an
   *     update
   * @throws CanisterTrapException if the method traps
   */
  public CallResult query(String method, byte[] arg) {
    return query(method, arg, options.controller());
  }

  /**
   * Sends a query message from a caller.
   *
   * @param method the method's name, a query
   * @param arg the argument
   * @param caller who calls
   * @return the reply
   * @throws CanisterStateException if no code is attached, there is no such method, or it is an
   *     update
   * @throws CanisterTrapException if the method traps
   */
  public CallResult query(String method, byte[] arg, Principal caller) {
    CanisterInstance live = attached("query '" + method + "'");
    EntryPoint point = method(live, method);
    if (!live.points.isQuery(method)) {
      throw new CanisterStateException(
          "'" + method + "' is an update method, not a query; send it with update or call");
    }
    return send(live, method, point, arg, caller, false);
  }

  /**
   * Sends a message as the method declares it: an update or a query, from the controller.
   *
   * @param method the method's name
   * @param arg the argument
   * @return the reply
   * @throws CanisterStateException if no code is attached or there is no such method
   * @throws CanisterTrapException if the method traps; nothing changed
   */
  public CallResult call(String method, byte[] arg) {
    return update(method, arg, options.controller());
  }

  /**
   * Sends a message as the method declares it, from a caller.
   *
   * @param method the method's name
   * @param arg the argument
   * @param caller who calls
   * @return the reply
   * @throws CanisterStateException if no code is attached or there is no such method
   * @throws CanisterTrapException if the method traps; nothing changed
   */
  public CallResult call(String method, byte[] arg, Principal caller) {
    return update(method, arg, caller);
  }

  private CallResult send(
      CanisterInstance live,
      String method,
      EntryPoint point,
      byte[] arg,
      Principal caller,
      boolean update) {
    Objects.requireNonNull(caller, "caller");
    RuntimeMetadata working = committed.copy();
    return execute(
        (update ? "update '" : "query '") + method + "'",
        update ? MessageKind.UPDATE : MessageKind.QUERY,
        update,
        message -> {
          CanisterContext ctx = message.bind(manager, live, working, caller);
          byte[] reply = Trapped.guard(() -> point.call(ctx, arg(arg)));
          if (update) {
            List<MemoryDeclaration> declared = working.declarations().list();
            if (!declared.equals(committed.declarations().list())) {
              working.write(manager.get(RuntimeMetadata.MEMORY_ID));
              message.onCommit(() -> committed = working);
            }
          }
          return reply;
        });
  }

  private static EntryPoint method(CanisterInstance live, String method) {
    Objects.requireNonNull(method, "method");
    EntryPoint point = live.points.get(method);
    if (point == null) {
      throw new CanisterStateException(
          "code '"
              + live.code.name()
              + "' has no method '"
              + method
              + "'; it has "
              + live.points.names());
    }
    return point;
  }

  // ---------------------------------------------------------------- status

  /**
   * Reports the canister's id, installed code, versions, memory size and named memories.
   *
   * @return the status
   */
  public CanisterStatus status() {
    checkOpen();
    long size = root.sizeInBytes();
    if (committed == null) {
      return new CanisterStatus(
          false, false, options.principal(), "", "", 0, 0, size, List.of(), null);
    }
    return CanisterStatus.of(committed, manager, size, instance != null);
  }

  /**
   * Returns the root memory, for dumps and tests (a test hashes its bytes around a trap). Writing
   * to it bypasses the runtime.
   *
   * @return the memory the canister's stable memory is
   */
  public Memory memory() {
    return root;
  }

  /**
   * Drops the instance and, for a host opened over a file, closes the file. A host made with {@link
   * #over} leaves its memory open.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (instance != null) {
      instance.close();
      instance = null;
    }
    if (file != null) {
      file.close();
    }
  }

  @Override
  public String toString() {
    return "Host[" + (committed == null ? "nothing installed" : committed) + " over " + root + "]";
  }

  // ---------------------------------------------------------------- the message loop

  /**
   * Runs one message as one top-level transaction: commits if {@code keep} and the body returns,
   * then runs the commit actions (the host's heap state changes only here); otherwise rolls back
   * and runs the rollback actions. What user code threw becomes a {@link CanisterTrapException}.
   */
  private CallResult execute(String what, MessageKind kind, boolean keep, Body body) {
    checkOpen();
    if (running) {
      throw new CanisterStateException(
          what + " sent while another message runs; a canister handles one message at a time");
    }
    running = true;
    Meter meter = new Meter(kind, options.limits());
    Message message = new Message(what, options.clock().instant(), meter);
    boolean committedNow = false;
    wired.setMeter(meter);
    Transaction tx = Transactions.begin(root);
    try {
      byte[] reply = body.run(message);
      // A cap crossed is a trap even if user code caught the exception: the meter stays tripped.
      if (meter.isExceeded()) {
        throw new Trapped(meter.exceeded().orElseThrow());
      }
      if (keep) {
        tx.commit();
        committedNow = true;
      }
      return new CallResult(reply, meter.report());
    } catch (Trapped | LimitExceededException trapped) {
      Throwable cause = trapped instanceof Trapped ? trapped.getCause() : trapped;
      String why =
          cause instanceof CanisterTrapException ? cause.getMessage() : String.valueOf(cause);
      throw new CanisterTrapException(what + " trapped: " + why, cause, meter.report());
    } finally {
      wired.setMeter(null); // the rollback's reloads run unmetered
      tx.close();
      running = false;
      message.end(committedNow);
    }
  }

  /** One message's body: its reply, or null for none. */
  @FunctionalInterface
  private interface Body {
    byte[] run(Message message);
  }

  // ---------------------------------------------------------------- checks

  private static byte[] arg(byte[] arg) {
    return arg == null ? new byte[0] : arg;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the host is closed");
    }
  }

  private RuntimeMetadata requireInstalled(String what) {
    checkOpen();
    if (committed == null) {
      throw new CanisterStateException(what + ": no code is installed; install first");
    }
    return committed;
  }

  private CanisterInstance attached(String what) {
    RuntimeMetadata installed = requireInstalled(what);
    if (instance == null) {
      throw new CanisterStateException(
          what
              + ": code '"
              + installed.codeName()
              + "' is installed but not attached to this host; attach(code) it first");
    }
    return instance;
  }

  /** Empty: no pages, or a first page of zeros (what a rolled-back install leaves). */
  private static boolean isEmpty(Memory memory) {
    if (memory.size() == 0) {
      return true;
    }
    byte[] page = memory.readBytes(0, Memory.PAGE_SIZE);
    return Wipe.isZero(page, page.length);
  }
}
