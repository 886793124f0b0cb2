namespace PrivacyDesk.Web.Documents;

/// <summary>
/// Limits for uploaded identity documents and where the document master keys live (configuration section
/// "Documents"). Sizes are in bytes; "MB" in messages means MiB (1,048,576 bytes).
/// </summary>
public sealed class DocumentOptions
{
    public const string Section = "Documents";

    public const long MiB = 1024 * 1024;

    /// <summary>Largest accepted file, as uploaded (before sanitising). Default 10 MB.</summary>
    public long MaxFileBytes { get; set; } = 10 * MiB;

    /// <summary>Largest total of all files in one request (form post). Default 30 MB. See <see cref="DocumentInspector.CheckRequestTotal"/>.</summary>
    public long MaxRequestBytes { get; set; } = 30 * MiB;

    /// <summary>
    /// Largest image, in pixels (width × height), read from the header before anything is decoded, so that a
    /// decompression bomb is refused without allocating its pixels. Default 40 megapixels.
    /// </summary>
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>
    /// Largest memory that decoding one image may take, estimated from the header before decoding (pixels × bytes per
    /// decoded pixel, twice for a JPEG that may be rotated, plus the coefficients a progressive JPEG keeps) and enforced
    /// again as the decoder's allocation limit. Default 256 MB: a 40-megapixel baseline JPEG or a 20-megapixel
    /// progressive one fits; a phone photo (12–24 megapixels) or an A4 scan at 300 dpi (8.7 megapixels) is far below.
    /// </summary>
    public long MaxDecodeBytes { get; set; } = 256 * MiB;

    /// <summary>
    /// How long decoding and re-encoding one image may take once its turn has come (the decoder is cancelled after it).
    /// Default 15 seconds, against well under a second for a phone photo on one core.
    /// </summary>
    public TimeSpan DecodeTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>JPEG quality of the re-encoded (sanitised) image, 1–100. Default 90.</summary>
    public int JpegQuality { get; set; } = 90;

    /// <summary>Largest accepted page count of a PDF. Default 50.</summary>
    public int MaxPdfPages { get; set; } = 50;

    /// <summary>
    /// How many uploads are decoded at once in this process. Decoding a large image takes a few hundred MB, so
    /// parallel uploads wait their turn instead of exhausting memory. Default 2.
    /// </summary>
    public int MaxConcurrentInspections { get; set; } = 2;

    /// <summary>
    /// How much memory ImageSharp keeps pooled for its decoders and encoders between uploads, in MiB (0: none; every
    /// image's buffers are allocated and freed per upload). Held outside the managed heap, so it counts in the
    /// process's resident memory whether or not an upload is being decoded (docs/benchmarks/intake.md, session 8).
    /// Default 16 (was 64): measured beside 64 and 0 under the intake load, it held ~36 MB less at the same CPU per
    /// submission, where 0 held more (freed buffers stay in the C allocator's arenas).
    /// </summary>
    public int ImagePoolMegabytes { get; set; } = 16;

    /// <summary>
    /// On Linux with glibc: the size in KiB above which a native block (the image decoders' buffers beyond the pool) is
    /// mapped on its own and returned to the system when freed, set once before the first decode (<see cref="NativeHeap"/>); 0 leaves
    /// the C library's default, which raises the threshold as large blocks are freed and then keeps freed decoder buffers
    /// resident in its arenas. Default 0: on a quiet machine 128 (glibc's initial value, kept fixed) held ~27 MB less peak
    /// memory under the intake load (380 against 407 MB) for 8 % more CPU per submission and 12 % fewer submissions a
    /// second (page faults on freshly mapped buffers), and 4096 saved ~12 MB at a similar cost (docs/benchmarks/intake.md,
    /// session 10). A deployment short of memory rather than CPU sets 128.
    /// </summary>
    public int NativeMmapThresholdKilobytes { get; set; }

    /// <summary>
    /// The folder holding the key ring file (<c>document-keys.json</c>), used when <see cref="MasterKey"/> is not set.
    /// Relative paths are taken from the content root. Default: a <c>keys</c> folder inside <c>Database:DataDirectory</c>.
    /// The database never holds a key; keep this folder out of database backups (or use <see cref="MasterKey"/>).
    /// </summary>
    public string? KeyDirectory { get; set; }

    /// <summary>
    /// The current master key for production, base64 of 32 random bytes (for example from the environment variable
    /// <c>Documents__MasterKey</c> or a secret store). When set, new documents are sealed with it and no key file is
    /// created; an existing key file is still read so that documents sealed with it stay readable.
    /// </summary>
    public string? MasterKey { get; set; }

    /// <summary>Retired master keys (base64), kept so that documents sealed with them can still be opened.</summary>
    public IList<string> PreviousMasterKeys { get; set; } = [];
}
