using System.Runtime.InteropServices;

namespace PrivacyDesk.Web.Documents;

/// <summary>
/// The C allocator's threshold for large blocks (glibc, Linux). ImageSharp decodes into native buffers of several MB
/// (malloc, for whatever its pool does not hold). glibc starts with a 128 KiB threshold above which a block is mapped on
/// its own and unmapped when freed, but raises the threshold to the size of every larger block freed (up to 32 MiB): after
/// the first decode, the decoders' buffers come from the allocator's arenas instead (one per thread that allocated, and
/// server GC's thread pool runs many), and a freed buffer stays resident there. Under the intake load that native memory
/// grew by ~110 MB (docs/benchmarks/intake.md, session 10). Setting the threshold fixes it: each large buffer is mapped for
/// its decode and given back to the system when freed.
/// </summary>
internal static partial class NativeHeap
{
    /// <summary>M_MMAP_THRESHOLD of glibc's malloc.h.</summary>
    private const int MmapThresholdOption = -3;

    private static int applied;

    /// <summary>
    /// Sets malloc's mmap threshold, once per process (later calls change nothing). False when it was not set: 0 asked for,
    /// not Linux, an earlier call, or a C library without glibc's <c>mallopt</c> (the allocator keeps its defaults then).
    /// </summary>
    public static bool SetMmapThreshold(int bytes)
    {
        if (bytes <= 0 || !OperatingSystem.IsLinux() || Interlocked.Exchange(ref applied, 1) == 1)
        {
            return false;
        }

        try
        {
            return MallOpt(MmapThresholdOption, bytes) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    // "libc" is the C library itself on Linux (the runtime maps the name to its soname).
    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int MallOpt(int option, int value);
}
