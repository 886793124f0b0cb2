using System.Globalization;
using System.Text;
using FluentValidation;
using PrivacyDesk.Web.Audit;
using PrivacyDesk.Web.Data;
using PrivacyDesk.Web.Hosting;
using PrivacyDesk.Web.Pages.Staff.Account;
using PrivacyDesk.Web.Pages.Staff.Admin.Accounts;

namespace PrivacyDesk.Web.Identity;

/// <summary>
/// <c>create-user --email … --role Admin [--name "表示名"]</c>: creates a staff account. The password comes from the
/// PRIVACYDESK_PASSWORD environment variable, or is asked for on the terminal without echo; there is no default.
/// The new user sets up the authenticator at the first sign-in.
/// </summary>
public sealed partial class CreateUserCommand : AdminCommand
{
    public const string PasswordVariable = "PRIVACYDESK_PASSWORD";

    public override string Name => "create-user";
    public override string Usage => $"create-user --email EMAIL --role {string.Join('|', StaffRoles.All)} [--name \"表示名\"]  (password: ${PasswordVariable} or prompt)";

    /// <summary>Where messages go (the console by default; tests capture them).</summary>
    public TextWriter Output { get; init; } = Console.Out;
    public TextWriter Error { get; init; } = Console.Error;

    public override async Task<int> ExecuteAsync(IServiceProvider services, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var email = Option(args, "--email")?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            throw new CommandUsageException("--email is required. / --email を指定してください。");
        }

        var roleText = Option(args, "--role") ?? throw new CommandUsageException("--role is required. / --role を指定してください。");
        var role = StaffRoles.All.FirstOrDefault(r => string.Equals(r, roleText, StringComparison.OrdinalIgnoreCase))
            ?? throw new CommandUsageException($"--role must be one of {string.Join(", ", StaffRoles.All)}. / --role は {string.Join("、", StaffRoles.All)} のいずれかです。");
        var name = Option(args, "--name")?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            name = email.Split('@')[0];
        }

        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var accounts = services.GetRequiredService<AccountAdministration>();
        var logger = services.GetRequiredService<ILogger<CreateUserCommand>>();

        if (await accounts.EmailInUseAsync(email))
        {
            await Error.WriteLineAsync("An account with this email address already exists. / このメールアドレスのアカウントは既にあります。");
            return 1;
        }

        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            password = await PromptPasswordAsync();
            if (password is null)
            {
                return 1;
            }
        }

        // The admin page's form rules, then its password check, then its creation: one code path for both ways in.
        var input = new CreateAccountInput
        {
            Email = email,
            DisplayName = name,
            Role = role,
            PasswordMode = CreateAccountInput.TypePassword,
            Password = password,
            ConfirmPassword = password,
        };
        var problems = await ValidateInBothLanguagesAsync(services.GetRequiredService<IValidator<CreateAccountInput>>(), input, cancellationToken);
        if (problems.Count > 0)
        {
            return await FailAsync("The account details were refused. / アカウントの内容が条件を満たしていません。", problems);
        }

        var passwordErrors = await accounts.CheckPasswordAsync(email, password);
        if (passwordErrors.Count > 0)
        {
            return await FailAsync("The password was refused. / パスワードが条件を満たしていません。", passwordErrors);
        }

        AccountChange change;
        using (services.GetRequiredService<AuditTrail>().UseActor(PrivacyDesk.Domain.Requests.PrivacyRequest.SystemActor, "admin-command"))
        {
            change = await accounts.CreateAsync(email, name, role, password, via: Name, cancellationToken);
        }

        if (!change.Succeeded)
        {
            return await FailAsync("The account could not be created. / アカウントを作成できませんでした。",
                [$"{change.Problem!.Value.English} / {change.Problem.Value.Japanese}"]);
        }

        LogCreated(logger, change.UserId!, role);
        await Output.WriteLineAsync($"Created user {change.UserId} with role {role}; the authenticator is set up at the first sign-in. / 職員アカウント（{role}）を作成しました。初回ログイン時に認証アプリを設定します。");
        return 0;
    }

    /// <summary>The validator's messages follow the UI culture; a terminal gets each one in Japanese and English.</summary>
    private static async Task<IReadOnlyList<string>> ValidateInBothLanguagesAsync(
        IValidator<CreateAccountInput> validator, CreateAccountInput input, CancellationToken cancellationToken)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja-JP");
            var japanese = await validator.ValidateAsync(input, cancellationToken);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            var english = await validator.ValidateAsync(input, cancellationToken);
            return japanese.Errors.Zip(english.Errors, (ja, en) => $"{ja.ErrorMessage} / {en.ErrorMessage}").ToList();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private async Task<int> FailAsync(string message, IEnumerable<string> errors)
    {
        await Error.WriteLineAsync(message);
        foreach (var error in errors)
        {
            await Error.WriteLineAsync($"  - {error}");
        }

        return 1;
    }

    private async Task<string?> PromptPasswordAsync()
    {
        if (Console.IsInputRedirected)
        {
            await Error.WriteLineAsync($"Set the password in ${PasswordVariable} or run on a terminal. / パスワードは環境変数 {PasswordVariable} で指定するか、端末で入力してください。");
            return null;
        }

        var first = ReadHidden("Password / パスワード: ");
        var second = ReadHidden("Again / もう一度: ");
        if (!string.Equals(first, second, StringComparison.Ordinal))
        {
            await Error.WriteLineAsync("The two passwords differ. / 2回入力したパスワードが一致しません。");
            return null;
        }

        return first;
    }

    private static string ReadHidden(string prompt)
    {
        Console.Write(prompt);
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.WriteLine();
                return text.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                {
                    text.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created staff user {UserId} with role {Role}")]
    private static partial void LogCreated(ILogger logger, string userId, string role);
}
