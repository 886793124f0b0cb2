using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace PrivacyDesk.Web.Audit;

/// <summary>
/// The chain's head at one moment, kept outside the database (ADR 0008, amendment 1): one JSON line of the anchor file
/// and the body of the anchor mail. Nothing in it is personal data.
/// </summary>
public sealed record AuditAnchor(
    [property: JsonPropertyName("date")] DateOnly Date,
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("hash")] string Hash,
    [property: JsonPropertyName("keyId")] string? KeyId,
    [property: JsonPropertyName("legacyThrough")] long LegacyThrough,
    [property: JsonPropertyName("anchoredAt")] DateTimeOffset AnchoredAt);

/// <summary>
/// That the anchor of one JST day was taken. The primary key (the day) makes the anchor once per day across app
/// instances, like <see cref="Staff.Digest.DigestDelivery"/>; the row is not what verification trusts (the file and mail are).
/// </summary>
public sealed class AuditAnchorRecord
{
    public DateOnly Date { get; set; }
    public long Sequence { get; set; }
    public byte[] Hash { get; set; } = [];
    public string? ChainKeyId { get; set; }
    public long LegacyThrough { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Recipients { get; set; }
}

/// <summary>
/// The anchor file <c>audit-anchors.jsonl</c> in <c>Audit:AnchorDirectory</c>: one anchor per line, only ever appended,
/// created with mode 0600 in a folder of mode 0700.
/// </summary>
public sealed class AuditAnchorFile(IOptions<AuditOptions> options, IHostEnvironment? environment = null)
{
    public const string FileName = "audit-anchors.jsonl";

    /// <summary>The file's full path, or null when no anchor folder is configured.</summary>
    public string? Path => string.IsNullOrWhiteSpace(options.Value.AnchorDirectory)
        ? null
        : System.IO.Path.GetFullPath(System.IO.Path.Combine(
            environment?.ContentRootPath ?? Directory.GetCurrentDirectory(), options.Value.AnchorDirectory, FileName));

    /// <summary>Appends one line and flushes it to disk.</summary>
    public void Append(AuditAnchor anchor)
    {
        var path = Path ?? throw new InvalidOperationException("Audit:AnchorDirectory is not configured.");
        var directory = System.IO.Path.GetDirectoryName(path)!;
        var streamOptions = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            streamOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, streamOptions);
        stream.Write(JsonSerializer.SerializeToUtf8Bytes(anchor));
        stream.WriteByte((byte)'\n');
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Every anchor in the file, in file order (none when there is no file); throws on a line it cannot read.</summary>
    public IReadOnlyList<AuditAnchor> ReadAll()
    {
        var path = Path;
        if (path is null || !File.Exists(path))
        {
            return [];
        }

        var anchors = new List<AuditAnchor>();
        var number = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            AuditAnchor? anchor;
            try
            {
                anchor = JsonSerializer.Deserialize<AuditAnchor>(line);
            }
            catch (JsonException)
            {
                anchor = null;
            }

            if (anchor is null || anchor.Sequence < 0 || anchor.Hash is not { Length: AuditCanonicalForm.HashSize * 2 } || anchor.LegacyThrough < 0)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"The anchor file {path} has an unreadable line {number}."));
            }

            anchors.Add(anchor);
        }

        return anchors;
    }
}
