#!/usr/bin/env python3
"""Writes the fuzz targets' seed inputs from the published compatibility vectors.

Run from the repository root: python3 stable-structures/src/test/fuzz/make-seeds.py
Each seed is a slice (or the whole) of a file under vectors/data, with its trailing zero bytes cut:
the fuzz harness pads every input with zeros to whole 64 KiB pages, so the cut loses nothing.
Seeds are named seed-<what>; crash and regression inputs found by fuzzing sit beside them and are
never touched by this script. FUZZING.md lists what each seed is.
"""
import gzip
import os
import struct

ROOT = os.getcwd()
DATA = os.path.join(ROOT, "vectors", "data")
OUT = os.path.join(ROOT, "stable-structures", "src", "test", "resources", "dev", "stablestructures", "fuzz")
PAGE = 65536


def published(name):
    with gzip.open(os.path.join(DATA, "published", name + ".bin.gz")) as f:
        return f.read()


def reference(name):
    with open(os.path.join(DATA, "reference-repo", name), "rb") as f:
        return f.read()


def trim(b):
    b = b.rstrip(b"\0")
    return b if b else b"\0"


def write(target, method, name, data):
    d = os.path.join(OUT, target + "Inputs", method)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(trim(data))


def slices(target, method, image, label, sizes):
    for size in sizes:
        write(target, method, "%s-first-%d" % (label, size), image[:size])


def two(index, data):
    """The Log target's framing: u16 big-endian length of the index bytes, index, data."""
    index = trim(index)
    assert len(index) <= 0xFFFF
    return struct.pack(">H", len(index)) + index + data


def sparse(image):
    """The MemoryManager target's framing: chunks (u32 BE offset, u16 BE length, bytes), one per
    page's bytes up to its last non-zero byte (split at 65,535), zero pages left out."""
    out = bytearray()
    for start in range(0, len(image), PAGE):
        page = image[start:start + PAGE].rstrip(b"\0")
        for at in range(0, len(page), 0xFFFF):
            chunk = page[at:at + 0xFFFF]
            out += struct.pack(">IH", start + at, len(chunk)) + chunk
    return bytes(out)


def repacked_manager(image, keep):
    """The canister image's memories `keep`, each copied page by page into one-page buckets."""
    bucket_pages = struct.unpack_from("<H", image, 6)[0]
    sizes = struct.unpack_from("<255Q", image, 40)
    table = image[2080:2080 + 32768]
    header = bytearray(PAGE)
    header[0:4] = b"MGR\x01"
    new_sizes = [0] * 255
    new_table = bytearray(b"\xff" * 32768)
    pages = []
    for mem in keep:
        owned = [b for b in range(32768) if table[b] == mem]
        for p in range(sizes[mem]):
            bucket = owned[p // bucket_pages]
            start = PAGE + (bucket * bucket_pages + p % bucket_pages) * PAGE
            new_table[len(pages)] = mem
            pages.append(image[start:start + PAGE])
        new_sizes[mem] = sizes[mem]
    struct.pack_into("<HH", header, 4, len(pages), 1)
    struct.pack_into("<255Q", header, 40, *new_sizes)
    header[2080:2080 + 32768] = new_table
    return bytes(header) + b"".join(pages)


def main():
    u64 = published("btreemap-u64-u64")
    write("BTreeMapU64FuzzTest", "loadAndOperate", "btreemap-u64-u64-whole", u64)
    slices("BTreeMapU64FuzzTest", "loadAndOperate", u64, "btreemap-u64-u64", [4096, 16384])

    sb = published("btreemap-string-bytes")
    slices("BTreeMapBytesFuzzTest", "loadAndOperate", sb, "btreemap-string-bytes", [4096, 65536, 262144])

    write("BTreeMapBlobFuzzTest", "loadAndOperate", "btreemap_v1_packed_headers",
          reference("btreemap_v1_packed_headers.dump"))
    write("BTreeMapBlobFuzzTest", "loadAndOperate", "btreemap-v1-migrated-whole",
          published("btreemap-v1-migrated"))

    s = published("btreeset-u32")
    write("BTreeSetFuzzTest", "loadAndOperate", "btreeset-u32-whole", s)
    slices("BTreeSetFuzzTest", "loadAndOperate", s, "btreeset-u32", [4096])

    v = published("vec-u64")
    write("VecFuzzTest", "u64", "vec-u64-whole", v)
    slices("VecFuzzTest", "u64", v, "vec-u64", [1024])
    vb = published("vec-blob300")
    slices("VecFuzzTest", "blob300", vb, "vec-blob300", [4096, 65536])

    c = published("cell-string")
    write("CellFuzzTest", "loadAndOperate", "cell-string-whole", c)
    slices("CellFuzzTest", "loadAndOperate", c, "cell-string", [8])

    h = published("minheap-u64")
    write("MinHeapFuzzTest", "loadAndOperate", "minheap-u64-whole", h)
    slices("MinHeapFuzzTest", "loadAndOperate", h, "minheap-u64", [1024])

    li, ld = published("log-bytes-index"), published("log-bytes-data")
    write("LogFuzzTest", "loadAndOperate", "log-bytes-index-whole-data-first-65536", two(li, ld[:PAGE]))
    write("LogFuzzTest", "loadAndOperate", "log-bytes-index-first-1024-data-first-4096",
          two(li[:1024], ld[:4096]))

    m = published("canister-memory-manager")
    write("MemoryManagerFuzzTest", "loadAndOpenEach", "canister-memory-manager-first-page",
          sparse(m[:PAGE]))
    write("MemoryManagerFuzzTest", "loadAndOpenEach", "canister-memory-manager-repacked-2-3-6-254",
          sparse(repacked_manager(m, [2, 3, 6, 254])))
    write("MemoryManagerFuzzTest", "loadAndOpenEach", "canister-memory-manager-repacked-0-4-5",
          sparse(repacked_manager(m, [0, 4, 5])))


if __name__ == "__main__":
    main()
