using Microsoft.Extensions.Options;

namespace PrivacyDesk.Web.Audit;

/// <summary>The audit chain's key and its daily anchor (configuration section <c>Audit</c>, ADR 0008).</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>
    /// The current chain key, base64 of 32 random bytes (an environment variable or secret store). Unset: the key ring
    /// file <c>audit-keys.json</c> in <see cref="KeyDirectory"/>, created on first use (0600), as for document keys.
    /// </summary>
    public string? ChainKey { get; set; }

    /// <summary>Retired chain keys (base64), kept so that the events they keyed stay verifiable.</summary>
    public IList<string> PreviousChainKeys { get; set; } = [];

    /// <summary>The folder of <c>audit-keys.json</c>. Default: the folder of the document key ring.</summary>
    public string? KeyDirectory { get; set; }

    /// <summary>
    /// The folder the auditors chose for the anchor file <c>audit-anchors.jsonl</c> (append-only JSON lines, 0600). Put it
    /// outside the database server's reach (another disk, mount or host). Unset: anchors are only mailed.
    /// </summary>
    public string? AnchorDirectory { get; set; }

    /// <summary>Run the daily anchor in the background. Off, anchors are only taken with the <c>anchor-audit</c> command.</summary>
    public bool AnchorEnabled { get; set; } = true;

    /// <summary>The time of day, in Japan time, at which the head is anchored (default 00:15).</summary>
    public TimeOnly AnchorAtJst { get; set; } = new(0, 15);

    /// <summary>How long the anchor job waits before trying again after a failed run.</summary>
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromMinutes(5);
}

internal sealed class AuditOptionsValidator(IConfiguration? configuration = null) : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        var errors = new List<string>();

        // Instances that each made their own key file would key the one chain with keys the others lack, and no
        // instance could verify it: a shared database needs the chain key configured, or a key folder named on purpose
        // (one that every instance mounts).
        if (Documents.SharedDatabaseMasterKeyValidator.IsSharedDatabase(configuration, out var provider)
            && string.IsNullOrWhiteSpace(options.ChainKey) && string.IsNullOrWhiteSpace(options.KeyDirectory))
        {
            errors.Add(
                $"Database:Provider is {provider}, a database that several instances share: configure Audit:ChainKey (base64 of 32 " +
                "random bytes, the same on every instance, e.g. the environment variable Audit__ChainKey), or Audit:KeyDirectory " +
                "on a folder every instance shares. " +
                $"共有データベース（{provider}）では、すべてのインスタンスに同じ監査ログの鍵（Audit:ChainKey、32バイトのbase64）を設定するか、" +
                "全インスタンスで共有するフォルダーを Audit:KeyDirectory に設定してください。");
        }

        if (!string.IsNullOrWhiteSpace(options.ChainKey) && Documents.DocumentKeyStore.ParseKey(options.ChainKey) is null)
        {
            errors.Add("Audit:ChainKey must be base64 of 32 random bytes. 監査ログの鍵（Audit:ChainKey）は32バイトのbase64で設定してください。");
        }

        if (options.PreviousChainKeys.Any(k => Documents.DocumentKeyStore.ParseKey(k) is null))
        {
            errors.Add("Audit:PreviousChainKeys must hold base64 keys of 32 bytes. 旧監査ログ鍵は32バイトのbase64で設定してください。");
        }

        if (options.RetryAfterFailure < TimeSpan.FromSeconds(1))
        {
            errors.Add("Audit:RetryAfterFailure must be at least 1 second.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
