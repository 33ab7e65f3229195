"""A test clinician's smartcard: Debian's vicc (vsmartcard) ISO 7816 card, connected to vpcd.

Run with Debian's python3 and the Crypto -> Cryptodome shim on PYTHONPATH (the `bed` script does):
    card.py --port 35963 --id alice
While it runs the card sits in the vpcd reader listening on that port; when it stops the card
is removed. The ATR's historical bytes are b"LNY" + the clinician id, which is how the bed's
PKCS#11 card module knows which clinician's token is in which reader. The card also answers the
PC/SC contactless GET DATA (UID) APDU `FF CA 00 00 00` with a 7-byte UID derived from the id.
"""
import argparse
import hashlib
import signal
import sys

from virtualsmartcard.VirtualSmartcard import VirtualICC, Iso7816OS

ATR_PREFIX = b"LNY"
MAX_HISTORICAL_BYTES = 15


def make_atr(card_id):
    hist = ATR_PREFIX + card_id.encode("ascii")
    if len(hist) > MAX_HISTORICAL_BYTES:
        raise SystemExit("card id too long for the ATR: %s" % card_id)
    return Iso7816OS.makeATR(T=1, directConvention=True, TA1=0x13, histChars=hist)


def card_uid(card_id):
    return hashlib.sha256(card_id.encode("ascii")).digest()[:7]


def answer_get_uid(os_, uid):
    """Wraps the card OS so FF CA 00 00 xx returns the UID (PC/SC part 3, GET DATA)."""
    execute = os_.execute

    def execute_with_uid(msg):
        if len(msg) >= 4 and msg[0] == 0xFF and msg[1] == 0xCA and msg[2] == 0x00:
            return uid + b"\x90\x00"
        return execute(msg)

    os_.execute = execute_with_uid


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--id", required=True, help="clinician id from clinicians.json")
    parser.add_argument("--port", type=int, default=35963, help="vpcd reader port")
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()

    vicc = VirtualICC(None, "iso7816", args.host, args.port)
    vicc.os.atr = make_atr(args.id)
    answer_get_uid(vicc.os, card_uid(args.id))
    # vicc.run() loops until vpcd hangs up; SIGTERM is the bed's "remove the card".
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        vicc.run()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        vicc.stop()


if __name__ == "__main__":
    main()
