namespace PrivacyDesk.Web.Retention;

/// <summary>How long documents and letters are kept (configuration section <c>Retention</c>).</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>ID documents are purged this many days after their request closes (closed, withdrawn or rejected).</summary>
    public int DocumentDays { get; set; } = 90;

    /// <summary>
    /// Issued letters keep their PDF this many years after issue. The policy states no period for letters; five years
    /// is the default until the co-op sets one.
    /// </summary>
    public int LetterYears { get; set; } = 5;

    /// <summary>Run the daily purge in the background (every instance may: the purge is idempotent).</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>Time between background runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Wait after start-up before the first background run, so that start-up and migrations finish first.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Documents or letters purged per transaction.</summary>
    public int BatchSize { get; set; } = 100;
}
