#!/usr/bin/env python3
"""Prints the chunks of a PNG file, one a line: TYPE LENGTH CRC-OK, and for pHYs its pixels
per unit on x and y and its unit specifier (PNG, ISO/IEC 15948:2004, 5.3 and 11.3.5.3).
The CRC is checked with Python's zlib.crc32, independently of the program's. Exit 1 when
the file is not a PNG or a chunk runs past its end. Last line: "image WxH decoded" when the
IDAT data inflates to exactly the scanlines IHDR announces (non-interlaced, 8 or 16 bits)."""
import struct
import sys
import zlib

data = open(sys.argv[1], "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit("not a PNG signature")
at = 8
idat = b""
ihdr = None
while at < len(data):
    if len(data) - at < 12:
        sys.exit("truncated chunk at byte %d" % at)
    (n,) = struct.unpack(">I", data[at:at + 4])
    kind = data[at + 4:at + 8]
    body = data[at + 8:at + 8 + n]
    if len(body) != n or len(data) < at + 12 + n:
        sys.exit("chunk %r runs past the end" % kind)
    (crc,) = struct.unpack(">I", data[at + 8 + n:at + 12 + n])
    ok = "crc-ok" if zlib.crc32(kind + body) & 0xFFFFFFFF == crc else "crc-BAD"
    line = "%s %d %s" % (kind.decode("latin-1"), n, ok)
    if kind == b"pHYs" and n == 9:
        x, y, unit = struct.unpack(">IIB", body)
        line += " %d %d %d" % (x, y, unit)
    if kind == b"IHDR" and n == 13:
        w, h = struct.unpack(">II", body[:8])
        line += " %dx%d" % (w, h)
        ihdr = struct.unpack(">IIBBBBB", body)
    if kind == b"IDAT":
        idat += body
    print(line)
    at += 12 + n
if ihdr:
    w, h, depth, colour, _, _, interlace = ihdr
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour]
    raw = zlib.decompress(idat)
    if interlace == 0 and depth in (8, 16) and len(raw) == h * (1 + w * channels * depth // 8):
        print("image %dx%d decoded" % (w, h))
