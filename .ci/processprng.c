/*
 * Test-only stand-in for Windows' bcryptprimitives.dll, for running Loupe
 * under Debian 12's Wine 8 in CI. Go's runtime (1.24 and later) takes its
 * random numbers from ProcessPrng in bcryptprimitives.dll, which Windows 10
 * and 11 have and Wine 8 lacks, so every Go program dies at start there.
 * This DLL exports ProcessPrng over RtlGenRandom (advapi32's
 * SystemFunction036), which Wine 8 implements. It is built by
 * .ci/wine-smoke into the throwaway Wine prefix only; it never ships.
 */
#include <windows.h>
#define SystemFunction036 NTAPI SystemFunction036
#include <ntsecapi.h>
#undef SystemFunction036

/* ProcessPrng fills data with len random bytes; it cannot fail on Windows,
 * and reports failure here only if RtlGenRandom does. */
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (!RtlGenRandom(data, n))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
