"""A fake camera for Chromium: a .y4m video showing one QR code, which Chromium plays as the tablet's camera."""

from __future__ import annotations

from pathlib import Path

import segno

WIDTH, HEIGHT = 640, 480
MODULE_PX = 10  # one QR module, in pixels
QUIET = 4  # modules of white around the code, as on a printed label


def qr_luma(token: str) -> bytes:
    """The Y plane of one frame: a white picture with the token's QR code in its middle."""
    matrix = segno.make_qr(token).matrix
    side = (len(matrix) + 2 * QUIET) * MODULE_PX
    if side > min(WIDTH, HEIGHT):
        raise ValueError(f"a code of {len(matrix)} modules does not fit a {WIDTH}x{HEIGHT} frame")
    left, top = (WIDTH - side) // 2 + QUIET * MODULE_PX, (HEIGHT - side) // 2 + QUIET * MODULE_PX
    plane = bytearray(b"\xff" * (WIDTH * HEIGHT))
    for row, modules in enumerate(matrix):
        for col, dark in enumerate(modules):
            if not dark:
                continue
            x = left + col * MODULE_PX
            for y in range(top + row * MODULE_PX, top + (row + 1) * MODULE_PX):
                plane[y * WIDTH + x : y * WIDTH + x + MODULE_PX] = b"\x00" * MODULE_PX
    return bytes(plane)


def write_qr_video(path: Path, token: str, frames: int = 2) -> Path:
    """Write a grey-scale Y4M video (4:2:0, chroma at 128) of the token's QR code; Chromium loops it."""
    chroma = b"\x80" * ((WIDTH // 2) * (HEIGHT // 2))
    frame = b"FRAME\n" + qr_luma(token) + chroma + chroma
    with open(path, "wb") as video:
        video.write(f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            video.write(frame)
    return path
