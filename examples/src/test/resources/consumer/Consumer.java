package consumer;

import dev.stablestructures.btreemap.StableBTreeMap;
import dev.stablestructures.codec.Codecs;
import dev.stablestructures.manager.MemoryManager;
import dev.stablestructures.memory.HeapMemory;

/** A tiny program that depends on the library, as another project would. */
public final class Consumer {
  private Consumer() {}

  /**
   * Stores an entry, reopens the memory and prints what it finds.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    HeapMemory memory = new HeapMemory();
    StableBTreeMap<String, Long> map =
        StableBTreeMap.init(MemoryManager.init(memory).get(0), Codecs.string(), Codecs.u64());
    map.put("answer", 42L);
    StableBTreeMap<String, Long> reopened =
        StableBTreeMap.load(MemoryManager.load(memory).get(0), Codecs.string(), Codecs.u64());
    System.out.println("consumer read answer=" + reopened.get("answer"));
  }
}
