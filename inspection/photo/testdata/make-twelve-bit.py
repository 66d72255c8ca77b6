#!/usr/bin/env python3
# Writes twelve-bit.jpg: a valid 16x8 grey JPEG with 12-bit samples (SOF1),
# assembled by hand as no common encoder writes 12-bit JPEGs. ffmpeg decodes
# it (bits_per_raw_sample=12); Go's image/jpeg refuses it ("precision").
import struct
def seg(marker, payload):
    return bytes([0xFF, marker]) + struct.pack('>H', len(payload) + 2) + payload
# 16x8 grey image, one component, 12-bit samples, extended sequential Huffman (SOF1).
# Two 8x8 blocks: the first mid-grey (DC diff 0), the second brighter (DC diff +1).
out = b'\xff\xd8'
out += seg(0xDB, bytes([0x00]) + bytes([16] * 64))            # DQT: 8-bit table 0, all 16
out += seg(0xC1, bytes([12]) + struct.pack('>HH', 8, 16) + bytes([1, 1, 0x11, 0]))  # SOF1 P=12 Y=8 X=16 Nf=1
# DC table 0: two codes of length 2 for categories 0 and 1 ("00", "01").
out += seg(0xC4, bytes([0x00]) + bytes([0, 2] + [0] * 14) + bytes([0, 1]))
# AC table 0: one code of length 1 for EOB ("0").
out += seg(0xC4, bytes([0x10]) + bytes([1] + [0] * 15) + bytes([0x00]))
out += seg(0xDA, bytes([1, 1, 0x00, 0, 63, 0]))                # SOS
# Block 1: DC cat 0 "00", EOB "0" -> 000. Block 2: DC cat 1 "01" + 1 bit "1" (diff +1), EOB "0" -> 01 1 0.
bits = '000' + '0110'
bits += '1' * (-len(bits) % 8)
data = int(bits, 2).to_bytes(len(bits) // 8, 'big')
out += data + b'\xff\xd9'
open('twelve-bit.jpg', 'wb').write(out)
