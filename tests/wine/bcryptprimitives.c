/* Test harness only, never shipped. Rust's std (>= 1.78) imports ProcessPrng from
 * bcryptprimitives.dll, which every Windows 10/11 has but Wine 8.0 (Debian 12) does not:
 * without this DLL in the test prefix the .exe does not start. It forwards to BCryptGenRandom,
 * which is what the real ProcessPrng amounts to. */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
