using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PrivacyDesk.Web.Documents;

public static class DocumentStorageRegistration
{
    /// <summary>
    /// Registers <see cref="DocumentOptions"/> (section "Documents", validated at start), <see cref="DocumentInspector"/>,
    /// <see cref="DocumentKeyStore"/>, <see cref="DocumentVault"/> and <see cref="MasterKeySealer"/>, all singletons. Keys are read on first use,
    /// not now. Needs <c>AddPrivacyDeskDatabase()</c> (for <c>Database:DataDirectory</c>, the default key folder).
    /// </summary>
    public static IServiceCollection AddDocumentStorage(this IServiceCollection services)
    {
        services.AddOptions<DocumentOptions>().BindConfiguration(DocumentOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DocumentOptions>, DocumentOptionsValidator>());
        services.TryAddSingleton<DocumentInspector>();
        services.TryAddSingleton<DocumentKeyStore>();
        services.TryAddSingleton<DocumentVault>();
        // The receiver stamps what it stores; a host that registers no clock of its own gets the system's.
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DocumentReceiver>();
        services.TryAddSingleton<MasterKeySealer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DocumentOptions>, SharedDatabaseMasterKeyValidator>());
        return services;
    }
}

internal sealed class DocumentOptionsValidator : IValidateOptions<DocumentOptions>
{
    public ValidateOptionsResult Validate(string? name, DocumentOptions options)
    {
        var failures = new List<string>();
        if (options.MaxFileBytes <= 0)
        {
            failures.Add("Documents:MaxFileBytes must be positive.");
        }

        if (options.MaxRequestBytes < options.MaxFileBytes)
        {
            failures.Add("Documents:MaxRequestBytes must be at least Documents:MaxFileBytes.");
        }

        if (options.MaxFileBytes > int.MaxValue - 1)
        {
            failures.Add("Documents:MaxFileBytes must be below 2 GB.");
        }

        if (options.MaxPixels <= 0)
        {
            failures.Add("Documents:MaxPixels must be positive.");
        }

        if (options.MaxDecodeBytes is < DocumentOptions.MiB or > 4096 * DocumentOptions.MiB)
        {
            failures.Add("Documents:MaxDecodeBytes must be between 1 MB and 4 GB.");
        }

        if (options.DecodeTimeout <= TimeSpan.Zero || options.DecodeTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add("Documents:DecodeTimeout must be positive and at most 5 minutes.");
        }

        if (options.JpegQuality is < 1 or > 100)
        {
            failures.Add("Documents:JpegQuality must be between 1 and 100.");
        }

        if (options.MaxPdfPages <= 0)
        {
            failures.Add("Documents:MaxPdfPages must be positive.");
        }

        if (options.MaxConcurrentInspections <= 0)
        {
            failures.Add("Documents:MaxConcurrentInspections must be positive.");
        }

        if (options.ImagePoolMegabytes is < 0 or > 1024)
        {
            failures.Add("Documents:ImagePoolMegabytes must be between 0 and 1024.");
        }

        if (options.NativeMmapThresholdKilobytes is < 0 or > 32 * 1024)
        {
            failures.Add("Documents:NativeMmapThresholdKilobytes must be between 0 and 32768.");
        }

        if (!string.IsNullOrWhiteSpace(options.MasterKey) && DocumentKeyStore.ParseKey(options.MasterKey) is null)
        {
            failures.Add("Documents:MasterKey must be base64 of 32 random bytes (文書のマスター鍵は32バイトのbase64で設定してください).");
        }

        if (options.PreviousMasterKeys.Any(k => DocumentKeyStore.ParseKey(k) is null))
        {
            failures.Add("Documents:PreviousMasterKeys must hold base64 keys of 32 bytes each.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>
/// A database shared by several instances (PostgreSQL or SQL Server) needs one master key configured on all of them:
/// with a key ring file each instance would make its own key, and nothing one instance seals (documents, letters,
/// mail, authenticator secrets, the cookie key ring) would open on another. Refused at start, in both languages.
/// </summary>
internal sealed class SharedDatabaseMasterKeyValidator(IConfiguration? configuration = null) : IValidateOptions<DocumentOptions>
{
    /// <summary>
    /// True when <c>Database:Provider</c> names a database that several instances share (PostgreSQL, SQL Server): every
    /// key kept outside the database must then be configured, the same on each instance. Read from configuration, not
    /// from DatabaseOptions, which resolve the connection string on first use and must not be forced (or fail) here.
    /// </summary>
    internal static bool IsSharedDatabase(IConfiguration? configuration, out Data.DatabaseProvider provider) =>
        Enum.TryParse(configuration?[$"{Data.DatabaseOptions.Section}:{nameof(Data.DatabaseOptions.Provider)}"], ignoreCase: true, out provider)
        && provider is Data.DatabaseProvider.Postgres or Data.DatabaseProvider.SqlServer;

    public ValidateOptionsResult Validate(string? name, DocumentOptions options)
    {
        if (!IsSharedDatabase(configuration, out var parsed) || !string.IsNullOrWhiteSpace(options.MasterKey))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(
            $"Database:Provider is {parsed}, a database that several instances share: configure Documents:MasterKey " +
            "(base64 of 32 random bytes, the same on every instance, e.g. the environment variable Documents__MasterKey). " +
            $"共有データベース（{parsed}）では、すべてのインスタンスに同じ文書マスター鍵（Documents:MasterKey、32バイトのbase64）を" +
            "設定してください。設定がないと、他のインスタンスが暗号化した文書・書面・ログイン情報を開けません。");
    }
}
