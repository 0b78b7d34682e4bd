"""Real NSS's secret decoder ring on a profile's key database, for tests: encrypts standard
input as Thunderbird's logins.json holds a value (base64), or decrypts such a value. The NSS
library is given by path: Thunderbird's own (LD_LIBRARY_PATH=/usr/lib/thunderbird, AES key) or
Debian's (3DES key, as Thunderbird before 144 made).
Usage: nss_sdr.py LIBNSS3 PROFILE encrypt|encrypt-aes|decrypt < input
Prints only the result; exits 1 with a word on stderr when NSS refuses."""
import base64
import ctypes
import sys

CKM_AES_CBC = 0x1082


class SECItem(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("data", ctypes.c_void_p), ("len", ctypes.c_uint)]


def item(data):
    buf = ctypes.create_string_buffer(data, len(data))
    return SECItem(0, ctypes.cast(buf, ctypes.c_void_p), len(data)), buf


def main():
    lib, profile, op = sys.argv[1:4]
    nss = ctypes.CDLL(lib)
    nss.PK11_GetInternalKeySlot.restype = ctypes.c_void_p
    if nss.NSS_InitReadWrite(("sql:" + profile).encode()) != 0:
        sys.exit("NSS_InitReadWrite failed")
    slot = ctypes.c_void_p(nss.PK11_GetInternalKeySlot())
    if nss.PK11_NeedUserInit(slot):
        if nss.PK11_InitPin(slot, None, b"") != 0:
            sys.exit("PK11_InitPin failed")
    elif nss.PK11_CheckUserPassword(slot, b"") != 0:
        sys.exit("primary password")
    data = sys.stdin.buffer.read()
    out = SECItem()
    if op == "decrypt":
        inp, _buf = item(base64.b64decode(data))
        rv = nss.PK11SDR_Decrypt(ctypes.byref(inp), ctypes.byref(out), None)
    else:
        inp, _buf = item(data)
        keyid = SECItem(0, None, 0)
        if op == "encrypt-aes":
            rv = nss.PK11SDR_EncryptWithMechanism(
                slot, ctypes.byref(keyid), CKM_AES_CBC, ctypes.byref(inp), ctypes.byref(out), None)
        else:
            rv = nss.PK11SDR_Encrypt(ctypes.byref(keyid), ctypes.byref(inp), ctypes.byref(out), None)
    if rv != 0:
        sys.exit(op + " failed")
    result = ctypes.string_at(out.data, out.len)
    if op == "decrypt":
        sys.stdout.buffer.write(result)
    else:
        print(base64.b64encode(result).decode())
    nss.PK11_FreeSlot(slot)
    nss.NSS_Shutdown()


main()
