using System.Runtime.InteropServices;
using PrivacyDesk.Web.Documents;

namespace PrivacyDesk.Web.Tests.Documents;

/// <summary>
/// The C allocator's mmap threshold (docs/benchmarks/intake.md, session 10): with glibc's default, a large native block
/// freed raises the threshold, so the next block of that size comes from an arena and stays resident after it is freed;
/// with the threshold the app sets, every such block is given back to the system when freed.
/// </summary>
public sealed class NativeHeapTests
{
    private const int Block = 16 * 1024 * 1024;

    [Fact]
    public void A_freed_decoder_sized_block_is_given_back_to_the_system_every_time()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // Set here, or already by an inspector of this process when a test host configured a threshold; it is set once per process.
        NativeHeap.SetMmapThreshold(128 * 1024);
        Assert.False(NativeHeap.SetMmapThreshold(128 * 1024));

        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)1);

        // The first block is mapped on its own under either setting; the second shows the difference.
        for (var round = 1; round <= 2; round++)
        {
            var block = Marshal.AllocHGlobal(Block); // malloc, as ImageSharp's unmanaged buffers
            for (var offset = 0; offset < Block; offset += chunk.Length)
            {
                Marshal.Copy(chunk, 0, block + offset, chunk.Length);
            }

            var held = AnonymousKilobytes();
            Marshal.FreeHGlobal(block);
            var after = AnonymousKilobytes();
            Assert.True(held - after >= Block / 1024 * 3 / 4, $"round {round}: {held} kB before the free, {after} kB after");
        }
    }

    [Fact]
    public void Nothing_is_set_when_no_threshold_is_asked_for() => Assert.False(NativeHeap.SetMmapThreshold(0));

    private static long AnonymousKilobytes() =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("RssAnon:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
}
