/* Test harness only, never shipped. Holds a Thunderbird profile's lock as Thunderbird for
 * Windows does while it runs (nsProfileLock: PROFILE\parent.lock opened for reading and
 * writing with no sharing, deleted on close), prints "held", and keeps it until the file named
 * second exists (at most 60 s).
 * Usage: parentlock.exe PROFILE\parent.lock STOPFILE */
#include <stdio.h>
#include <windows.h>

int wmain(int argc, wchar_t **argv) {
    if (argc != 3) return 2;
    HANDLE lock = CreateFileW(argv[1], GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_ALWAYS,
                              FILE_FLAG_DELETE_ON_CLOSE, NULL);
    if (lock == INVALID_HANDLE_VALUE) {
        printf("not held: %lu\n", GetLastError());
        return 1;
    }
    printf("held\n");
    fflush(stdout);
    for (int i = 0; i < 600 && GetFileAttributesW(argv[2]) == INVALID_FILE_ATTRIBUTES; i++)
        Sleep(100);
    CloseHandle(lock);
    return 0;
}
