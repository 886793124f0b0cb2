using Microsoft.Extensions.Options;

namespace PrivacyDesk.Web.Intake;

/// <summary>
/// Bounds on uploads kept for forms not yet submitted (configuration section "UploadDrafts"). The defaults are far
/// above what a member needs (a form holds at most three files of at most 10 MB) and far below what fills a disk.
/// </summary>
public sealed class UploadDraftOptions
{
    public const string Section = "UploadDrafts";

    private const long MiB = 1024 * 1024;

    /// <summary>
    /// A form's uploads are deleted once nobody has posted that form for this long (each review, edit or submit of the
    /// form restarts the clock). Default 2 hours.
    /// </summary>
    public TimeSpan IdleLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Bytes of kept uploads per client address (an IPv6 client by its /64 network). Default 200 MB.</summary>
    public long MaxBytesPerClient { get; set; } = 200 * MiB;

    /// <summary>Kept uploads per client address. Default 30 (ten forms of three files).</summary>
    public int MaxDraftsPerClient { get; set; } = 30;

    /// <summary>Bytes of kept uploads of all clients together, in the database. Default 4 GB.</summary>
    public long MaxTotalBytes { get; set; } = 4096 * MiB;

    /// <summary>Kept uploads of all clients together. Default 5,000.</summary>
    public int MaxTotalDrafts { get; set; } = 5_000;

    /// <summary>How often expired drafts are deleted: a quarter of <see cref="IdleLifetime"/>, at least a minute, at most an hour.</summary>
    public TimeSpan CleanupInterval =>
        TimeSpan.FromTicks(Math.Clamp(IdleLifetime.Ticks / 4, TimeSpan.FromMinutes(1).Ticks, TimeSpan.FromHours(1).Ticks));
}

internal sealed class UploadDraftOptionsValidator : IValidateOptions<UploadDraftOptions>
{
    /// <summary>What one member's form may hold: three files of the largest size the document limits allow.</summary>
    private const long OneFormBytes = 3 * 10 * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, UploadDraftOptions options)
    {
        var failures = new List<string>();
        if (options.IdleLifetime < TimeSpan.FromMinutes(10) || options.IdleLifetime > TimeSpan.FromHours(24))
        {
            failures.Add("UploadDrafts:IdleLifetime must be between 10 minutes and 24 hours.");
        }

        if (options.MaxDraftsPerClient < 3)
        {
            failures.Add("UploadDrafts:MaxDraftsPerClient must be at least 3 (one form's files).");
        }

        if (options.MaxBytesPerClient < OneFormBytes)
        {
            failures.Add("UploadDrafts:MaxBytesPerClient must be at least 30 MB (one form's files).");
        }

        if (options.MaxTotalDrafts < options.MaxDraftsPerClient)
        {
            failures.Add("UploadDrafts:MaxTotalDrafts must be at least UploadDrafts:MaxDraftsPerClient.");
        }

        if (options.MaxTotalBytes < options.MaxBytesPerClient)
        {
            failures.Add("UploadDrafts:MaxTotalBytes must be at least UploadDrafts:MaxBytesPerClient.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
