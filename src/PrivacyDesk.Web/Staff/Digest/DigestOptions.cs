using Microsoft.Extensions.Options;

namespace PrivacyDesk.Web.Staff.Digest;

/// <summary>The daily deadline digest to staff (configuration section <c>Digest</c>).</summary>
public sealed class DigestOptions
{
    public const string Section = "Digest";

    /// <summary>Run the background sender. Off, digests are only sent with the <c>send-digest</c> command.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The time of day, in Japan time, at which the digest is queued (default 08:30).</summary>
    public TimeOnly SendAtJst { get; set; } = new(8, 30);

    /// <summary>Requests listed per section of one mail; the rest are counted and left to the queue page.</summary>
    public int MaxItemsPerSection { get; set; } = 100;

    /// <summary>How long the sender waits before trying again after a failed run.</summary>
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromMinutes(5);
}

internal sealed class DigestOptionsValidator : IValidateOptions<DigestOptions>
{
    public ValidateOptionsResult Validate(string? name, DigestOptions options)
    {
        var errors = new List<string>();
        if (options.MaxItemsPerSection is < 1 or > 1_000)
        {
            errors.Add("Digest:MaxItemsPerSection must be from 1 to 1000.");
        }

        if (options.RetryAfterFailure < TimeSpan.FromSeconds(1))
        {
            errors.Add("Digest:RetryAfterFailure must be at least 1 second.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
