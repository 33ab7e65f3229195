"""Waits until pcscd reports a card present in (or gone from) reader N.

    pcsc_wait.py present|empty READER_INDEX [TIMEOUT_SECONDS [ATR_SUFFIX_HEX]]

Talks to pcsc-lite through ctypes (Python's standard library only), so `bed card insert` returns
only once every PC/SC client can see the card, not merely when vicc has connected to vpcd. With ATR_SUFFIX_HEX, "present" means a card whose
ATR, less its check byte, ends so (the card just inserted, not one pcscd has yet to notice leaving).
"""
import ctypes
import sys
import time

DWORD = ctypes.c_ulong  # pcsc-lite on Linux: DWORD and LONG are C longs
LONG = ctypes.c_long
SCARD_SCOPE_SYSTEM = 2
SCARD_STATE_UNAWARE = 0x0
SCARD_STATE_EMPTY = 0x10
SCARD_STATE_PRESENT = 0x20
SCARD_E_TIMEOUT = 0x8010000A


class ReaderState(ctypes.Structure):
    _fields_ = [("szReader", ctypes.c_char_p), ("pvUserData", ctypes.c_void_p),
                ("dwCurrentState", DWORD), ("dwEventState", DWORD),
                ("cbAtr", DWORD), ("rgbAtr", ctypes.c_ubyte * 33)]


def main():
    wanted = {"present": SCARD_STATE_PRESENT, "empty": SCARD_STATE_EMPTY}[sys.argv[1]]
    index = int(sys.argv[2])
    deadline = time.monotonic() + float(sys.argv[3] if len(sys.argv) > 3 else 10)
    atr_suffix = bytes.fromhex(sys.argv[4]) if len(sys.argv) > 4 else b""
    pcsc = ctypes.CDLL("libpcsclite.so.1")
    context = LONG()
    if pcsc.SCardEstablishContext(DWORD(SCARD_SCOPE_SYSTEM), None, None, ctypes.byref(context)):
        sys.exit("pcsc_wait: pcscd is not reachable")
    size = DWORD()
    pcsc.SCardListReaders(context, None, None, ctypes.byref(size))
    names = ctypes.create_string_buffer(size.value)
    pcsc.SCardListReaders(context, None, names, ctypes.byref(size))
    readers = [n for n in names.raw.split(b"\0") if n]
    if index >= len(readers):
        sys.exit("pcsc_wait: no reader %d" % index)
    state = ReaderState(readers[index], None, SCARD_STATE_UNAWARE, 0, 0)
    while True:
        remaining = int((deadline - time.monotonic()) * 1000)
        if remaining <= 0:
            sys.exit("pcsc_wait: reader %d is not %s" % (index, sys.argv[1]))
        rv = pcsc.SCardGetStatusChange(context, DWORD(remaining), ctypes.byref(state), DWORD(1))
        if rv and (rv & 0xFFFFFFFF) != SCARD_E_TIMEOUT:
            sys.exit("pcsc_wait: SCardGetStatusChange failed: 0x%x" % (rv & 0xFFFFFFFF))
        atr = bytes(state.rgbAtr[:state.cbAtr])
        if state.dwEventState & wanted and (wanted != SCARD_STATE_PRESENT or atr[:-1].endswith(atr_suffix)):
            break
        state.dwCurrentState = state.dwEventState
    pcsc.SCardReleaseContext(context)


if __name__ == "__main__":
    main()
