package dev.stablestructures.runtime;

import dev.stablestructures.runtime.meter.MessageKind;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The update and query methods a canister declared in {@link Canister#entryPoints}, by name. An
 * update's writes are kept when it returns; a query's are always rolled back.
 */
public final class EntryPoints {
  private final Map<String, EntryPoint> updates;
  private final Map<String, EntryPoint> queries;

  private EntryPoints(Map<String, EntryPoint> updates, Map<String, EntryPoint> queries) {
    this.updates = updates;
    this.queries = queries;
  }

  /**
   * Collects the methods of one instance.
   *
   * @param canister the instance
   * @return its methods
   * @throws IllegalArgumentException if it declares one name twice
   */
  static EntryPoints of(Canister canister) {
    Builder builder = new Builder();
    canister.entryPoints(builder);
    return new EntryPoints(
        Collections.unmodifiableMap(new LinkedHashMap<>(builder.updates)),
        Collections.unmodifiableMap(new LinkedHashMap<>(builder.queries)));
  }

  /**
   * Returns the names of every method, updates first, each in declaration order.
   *
   * @return the names
   */
  public Set<String> names() {
    Set<String> names = new java.util.LinkedHashSet<>(updates.keySet());
    names.addAll(queries.keySet());
    return Collections.unmodifiableSet(names);
  }

  /**
   * Tells how a method runs.
   *
   * @param name the method's name
   * @return {@link MessageKind#UPDATE} or {@link MessageKind#QUERY}, or empty if there is no such
   *     method
   */
  public Optional<MessageKind> kindOf(String name) {
    if (updates.containsKey(name)) {
      return Optional.of(MessageKind.UPDATE);
    }
    return queries.containsKey(name) ? Optional.of(MessageKind.QUERY) : Optional.empty();
  }

  /**
   * Tells whether a method is an update.
   *
   * @param name the method's name
   * @return true if it was declared with {@code update} or {@code updateText}
   */
  public boolean isUpdate(String name) {
    return updates.containsKey(name);
  }

  /**
   * Tells whether a method is a query.
   *
   * @param name the method's name
   * @return true if it was declared with {@code query} or {@code queryText}
   */
  public boolean isQuery(String name) {
    return queries.containsKey(name);
  }

  /** The method of that name, or null. */
  EntryPoint get(String name) {
    EntryPoint point = updates.get(name);
    return point != null ? point : queries.get(name);
  }

  @Override
  public String toString() {
    return "EntryPoints[updates " + updates.keySet() + ", queries " + queries.keySet() + "]";
  }

  /** Collects the methods; {@link Canister#entryPoints} receives one. No reflection is involved. */
  public static final class Builder {
    private final Map<String, EntryPoint> updates = new LinkedHashMap<>();
    private final Map<String, EntryPoint> queries = new LinkedHashMap<>();

    Builder() {}

    /**
     * Declares an update method: its writes are kept when it returns.
     *
     * @param name the method's name, unique in the canister
     * @param point the method
     * @return this builder
     * @throws IllegalArgumentException if the name is empty or already declared
     */
    public Builder update(String name, EntryPoint point) {
      add(updates, name, point);
      return this;
    }

    /**
     * Declares a query method: its writes are always rolled back.
     *
     * @param name the method's name, unique in the canister
     * @param point the method
     * @return this builder
     * @throws IllegalArgumentException if the name is empty or already declared
     */
    public Builder query(String name, EntryPoint point) {
      add(queries, name, point);
      return this;
    }

    /**
     * Declares an update method on UTF-8 text.
     *
     * @param name the method's name, unique in the canister
     * @param point the method
     * @return this builder
     * @throws IllegalArgumentException if the name is empty or already declared
     */
    public Builder updateText(String name, TextEntryPoint point) {
      return update(name, text(point));
    }

    /**
     * Declares a query method on UTF-8 text.
     *
     * @param name the method's name, unique in the canister
     * @param point the method
     * @return this builder
     * @throws IllegalArgumentException if the name is empty or already declared
     */
    public Builder queryText(String name, TextEntryPoint point) {
      return query(name, text(point));
    }

    private static EntryPoint text(TextEntryPoint point) {
      Objects.requireNonNull(point, "point");
      return (ctx, arg) -> {
        String reply = point.call(ctx, new String(arg, StandardCharsets.UTF_8));
        return reply == null ? new byte[0] : reply.getBytes(StandardCharsets.UTF_8);
      };
    }

    private void add(Map<String, EntryPoint> into, String name, EntryPoint point) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(point, "point");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("a method needs a name; found an empty one");
      }
      if (updates.containsKey(name) || queries.containsKey(name)) {
        throw new IllegalArgumentException("method '" + name + "' is declared twice");
      }
      into.put(name, point);
    }
  }
}
