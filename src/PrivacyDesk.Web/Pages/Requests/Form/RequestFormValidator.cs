using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.Extensions.Options;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.Text;
using PrivacyDesk.Web.Hosting;
using static PrivacyDesk.Web.Hosting.Localized;

namespace PrivacyDesk.Web.Pages.Requests.Form;

/// <summary>
/// The form's rules, with messages in Japanese (English when the member chose it). The page sets
/// <see cref="RequestFormContext"/> before validating: the family of the form and the documents already uploaded.
/// </summary>
public sealed partial class RequestFormValidator : AbstractValidator<RequestFormInput>
{
    private readonly TimeProvider clock;
    private readonly IdentityDocumentCatalogue catalogue;
    private readonly Dictionary<(PersonRole Role, bool RequireEmail), PersonInputValidator> personValidators = [];

    public const int NameMaxLength = 50;
    public const int TextMaxLength = 2000;
    public const string ContextKey = "RequestFormContext";

    public static readonly IReadOnlyList<string> Prefectures =
    [
        "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県",
        "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県",
        "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県",
        "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
    ];

    public RequestFormValidator(IOptions<OrganizationOptions> organization, TimeProvider clock, IdentityDocumentCatalogue catalogue)
    {
        this.clock = clock;
        this.catalogue = catalogue;
        var maxAgeMonths = organization.Value.RelationshipDocumentMaxAgeMonths;
        DateOnly Today() => JapaneseText.JstDate(clock.GetUtcNow());

        RuleFor(x => x.Kinds)
            .NotEmpty().WithMessage(_ => Text("請求の種類を1つ以上選んでください。", "Choose at least one kind of request."))
            .Must((input, kinds, ctx) => kinds.All(k => RequestKinds.FamilyOf(k) == Context(ctx).Family))
            .WithMessage(_ => Text("この請求書では選べない種類が含まれています。", "A kind that this form does not cover was chosen."));

        RuleFor(x => x.RequesterType)
            .NotNull().WithMessage(_ => Text("請求者の区分（本人・任意代理人・法定代理人）を選んでください。", "Choose who is making the request."))
            .IsInEnum().WithMessage(_ => Text("請求者の区分が正しくありません。", "The requester type is not valid."));

        // Online, the acknowledgement goes by email to whoever files; a paper form may give no email at all.
        // The person's rules are built here, once per role and email requirement (six validators), and picked per
        // validation: built per validation, each of the two or three per submission cost its rules' expression trees and
        // their cache-key strings again. They keep nothing of a request (messages and "today" are read as they validate).
        foreach (var role in Enum.GetValues<PersonRole>())
        {
            personValidators[(role, true)] = new PersonInputValidator(role, requireEmail: true, Today);
            personValidators[(role, false)] = new PersonInputValidator(role, requireEmail: false, Today);
        }

        RuleFor(x => x.Principal).SetValidator((input, _) => PersonValidator(PersonRole.Principal,
            requireEmail: !input.HasAgent && input.Channel == Channel.Online));
        When(x => x.HasAgent, () =>
            RuleFor(x => x.Agent).SetValidator((input, _) => PersonValidator(
                input.RequesterType == RequesterType.LegalRepresentative ? PersonRole.LegalRepresentative : PersonRole.Agent,
                requireEmail: input.Channel == Channel.Online)));

        When(x => x.Channel == Channel.Post, () =>
            RuleFor(x => x.ReceivedOn)
                .Must(d => d.ToDate() is not null)
                .WithMessage(_ => Text("到着日を正しく入力してください。", "Enter the date the letter arrived."))
                .Must(d => d.ToDate() is not { } date || date <= Today())
                .WithMessage(_ => Text("到着日に未来の日付は入力できません。", "The arrival date cannot be in the future."))
                .Must(d => d.ToDate() is not { } date || date > Today() || date >= Today().AddYears(-1))
                .WithMessage(_ => Text("到着日が1年以上前になっています。日付を確認してください。", "The arrival date is more than a year ago; check it.")));

        RuleFor(x => x.DataDescription)
            .NotEmpty().WithMessage(_ => Text("対象となる個人情報の内容を入力してください。", "Describe the personal data concerned."))
            .SafeText(TextMaxLength, multiline: true);

        // Every family chooses how the answer reaches the member (ADR 0024).
        When((x, ctx) => Context(ctx).Family == RequestFamily.Disclosure, () =>
            RuleFor(x => x.Delivery)
                .NotNull().WithMessage(_ => Text("開示の方法を選んでください。", "Choose how you want to receive the result."))
                .IsInEnum().WithMessage(_ => Text("開示の方法が正しくありません。", "The delivery method is not valid.")));
        When((x, ctx) => Context(ctx).Family != RequestFamily.Disclosure, () =>
            RuleFor(x => x.Delivery)
                .NotNull().WithMessage(_ => Text("結果の受け取り方法を選んでください。", "Choose how you want to receive the result."))
                .IsInEnum().WithMessage(_ => Text("結果の受け取り方法が正しくありません。", "The delivery method is not valid.")));

        When((x, ctx) => Context(ctx).Family == RequestFamily.Correction, () =>
        {
            RuleFor(x => x.CurrentContent)
                .NotEmpty().When(x => x.Kinds.Contains(RequestKind.Correction) || x.Kinds.Contains(RequestKind.Deletion))
                .WithMessage(_ => Text("現在の（誤っている・削除を求める）内容を入力してください。", "Enter the current content (to correct or delete)."))
                .SafeText(TextMaxLength, multiline: true);
            RuleFor(x => x.CorrectContent)
                .NotEmpty().When(x => x.Kinds.Contains(RequestKind.Correction) || x.Kinds.Contains(RequestKind.Addition))
                .WithMessage(_ => Text("正しい内容（訂正後・追加する内容）を入力してください。", "Enter the correct content (after correction, or to add)."))
                .SafeText(TextMaxLength, multiline: true);
        });

        When((x, ctx) => Context(ctx).Family == RequestFamily.StopUse, () =>
        {
            RuleFor(x => x.StopGrounds)
                .NotEmpty().WithMessage(_ => Text("利用停止等を求める理由を1つ以上選んでください。", "Choose at least one ground."));
            RuleForEach(x => x.StopGrounds).IsInEnum().WithMessage(_ => Text("理由の選択が正しくありません。", "A ground is not valid."));
            RuleFor(x => x.StopGroundDetail).SafeText(TextMaxLength, multiline: true);
        });

        RuleFor(x => x.PrincipalDocumentType)
            .NotNull().WithMessage(_ => Text("ご本人の本人確認書類の種類を選んでください。", "Choose the type of the person's ID document."))
            .Must(t => t is null || catalogue.Accepts(t.Value, Today()))
            .WithMessage(x => NotAccepted("ご本人", "person's", x.PrincipalDocumentType));
        AddressProofRules(x => x.PrincipalDocumentType, x => x.PrincipalAddressProofType, DocumentRole.PrincipalAddressProof, "PrincipalAddressProof", "ご本人", "person's");
        RuleFor(x => x)
            .Must((_, _, ctx) => Context(ctx).UploadedRoles.Contains(DocumentRole.PrincipalIdentity))
            .WithName("PrincipalDocument")
            .OverridePropertyName("PrincipalDocument")
            .WithMessage(_ => Text("ご本人の本人確認書類の写しを添付してください。", "Attach a copy of the person's ID document."));

        When(x => x.RequesterType == RequesterType.VoluntaryAgent, () =>
        {
            RuleFor(x => x.AuthorityDocumentType)
                .Must(t => t == DocumentType.PowerOfAttorney)
                .WithMessage(_ => Text("任意代理人による請求では、委任状が必要です。", "A request through an appointed agent needs a power of attorney."));
        });
        When(x => x.RequesterType == RequesterType.LegalRepresentative, () =>
        {
            RuleFor(x => x.AuthorityDocumentType)
                .Must(t => t is DocumentType.FamilyRegisterCopy or DocumentType.GuardianshipCertificate)
                .WithMessage(_ => Text("法定代理人による請求では、戸籍謄本または成年後見登記事項証明書が必要です。",
                    "A request through a legal representative needs a family register copy or a guardianship certificate."));
            RuleFor(x => x.AuthorityIssuedOn)
                .Must(d => d.ToDate() is not null)
                .WithMessage(_ => Text("戸籍謄本・登記事項証明書の発行日を正しく入力してください。", "Enter the issue date of the document."))
                .Must(d => d.ToDate() is not { } date || date <= Today())
                .WithMessage(_ => Text("発行日に未来の日付は入力できません。", "The issue date cannot be in the future."))
                .Must(d => d.ToDate() is not { } date || date > Today() || DocumentRequirements.IsFresh(date, Today(), maxAgeMonths))
                .WithMessage(_ => Text($"戸籍謄本・登記事項証明書は、発行日から{maxAgeMonths}か月以内のものを添付してください。",
                    $"The document must have been issued within the last {maxAgeMonths} months."));
        });
        When(x => x.HasAgent, () =>
        {
            RuleFor(x => x)
                .Must((_, _, ctx) => Context(ctx).UploadedRoles.Contains(DocumentRole.Authority))
                .OverridePropertyName("AuthorityDocument")
                .WithMessage(x => x.RequesterType == RequesterType.VoluntaryAgent
                    ? Text("委任状を添付してください。", "Attach the power of attorney.")
                    : Text("戸籍謄本または成年後見登記事項証明書を添付してください。", "Attach the family register copy or guardianship certificate."));
            RuleFor(x => x.AgentDocumentType)
                .NotNull().WithMessage(_ => Text("代理人の本人確認書類の種類を選んでください。", "Choose the type of the agent's ID document."))
                .Must(t => t is null || catalogue.Accepts(t.Value, Today()))
                .WithMessage(x => NotAccepted("代理人", "agent's", x.AgentDocumentType));
            AddressProofRules(x => x.AgentDocumentType, x => x.AgentAddressProofType, DocumentRole.AgentAddressProof, "AgentAddressProof", "代理人", "agent's");
            RuleFor(x => x)
                .Must((_, _, ctx) => Context(ctx).UploadedRoles.Contains(DocumentRole.AgentIdentity))
                .OverridePropertyName("AgentDocument")
                .WithMessage(_ => Text("代理人の本人確認書類の写しを添付してください。", "Attach a copy of the agent's ID document."));
        });

        RuleFor(x => x.Consent)
            .Equal(true).When(x => x.Channel == Channel.Online).WithMessage(_ => Text("記載内容に誤りがないことの確認と、個人情報の取扱いへの同意にチェックしてください。",
                "Confirm that the information is correct and that you agree to how it is handled."));
    }

    /// <summary>The rules for one person of the form, built once in the constructor (read-only afterwards, so shared by every request).</summary>
    internal PersonInputValidator PersonValidator(PersonRole role, bool requireEmail) => personValidators[(role, requireEmail)];

    /// <summary>The ID chosen is not accepted (today): the documents that are, and why a lapsed one is not.</summary>
    private string NotAccepted(string whoJa, string whoEn, DocumentType? chosen)
    {
        var today = JapaneseText.JstDate(clock.GetUtcNow());
        var names = catalogue.NamesOn(today);
        var lapsed = chosen is { } type && catalogue.Find(type) is { AcceptedUntil: { } until } && !catalogue.Accepts(type, today)
            ? Text($"{Domain.Labels.DocumentType(type).Japanese}は{JapaneseText.ToWareki(until)}で有効期限が切れたため、受け付けられません。",
                $"The {Domain.Labels.DocumentType(type).English} lapsed on {until:yyyy-MM-dd} and is no longer accepted. ")
            : string.Empty;
        return lapsed + Text($"{whoJa}の本人確認書類は、{names.Japanese}のいずれかです。", $"The {whoEn} ID must be one of: {names.English}.");
    }

    /// <summary>
    /// Beside an ID that shows no address (a passport), a proof of address of a configured kind must be chosen and
    /// attached; beside any other ID it is not asked for.
    /// </summary>
    private void AddressProofRules(
        System.Linq.Expressions.Expression<Func<RequestFormInput, DocumentType?>> idType,
        System.Linq.Expressions.Expression<Func<RequestFormInput, DocumentType?>> proofType,
        DocumentRole role, string fileField, string whoJa, string whoEn)
    {
        var needs = idType.Compile();
        When(x => needs(x) is { } type && catalogue.NeedsAddressProof(type), () =>
        {
            var names = catalogue.AddressProofNames;
            RuleFor(proofType)
                .Must(t => t is { } proof && catalogue.AddressProofs.Contains(proof))
                .WithMessage(x => Text(
                    $"{Domain.Labels.DocumentType(needs(x)!.Value).Japanese}には住所の記載がないため、{whoJa}の住所を確認できる書類（{names.Japanese}のいずれか）を選んでください。",
                    $"A {Domain.Labels.DocumentType(needs(x)!.Value).English} shows no address: choose a proof of the {whoEn} address ({names.English})."));
            RuleFor(x => x)
                .Must((_, _, ctx) => Context(ctx).UploadedRoles.Contains(role))
                .OverridePropertyName(fileField)
                .WithMessage(_ => Text(
                    $"{whoJa}の住所を確認できる書類（発行から{catalogue.AddressProofMaxAgeMonths}か月以内のもの）の写しを添付してください。",
                    $"Attach a copy of the proof of the {whoEn} address (issued within {catalogue.AddressProofMaxAgeMonths} months)."));
        });
    }

    public static RequestFormContext Context(IValidationContext context) =>
        context.RootContextData.TryGetValue(ContextKey, out var value) && value is RequestFormContext formContext
            ? formContext
            : throw new InvalidOperationException("Validate the request form with a RequestFormContext.");
}

/// <summary>What the validator needs to know beyond the input: the form's family and the documents already uploaded.</summary>
public sealed record RequestFormContext(RequestFamily Family, IReadOnlySet<DocumentRole> UploadedRoles, Channel Channel = Channel.Online);

public enum PersonRole
{
    Principal,
    Agent,
    LegalRepresentative,
}

public sealed partial class PersonInputValidator : AbstractValidator<PersonInput>
{
    public PersonInputValidator(PersonRole role, bool requireEmail, Func<DateOnly> today)
    {
        var who = role switch
        {
            PersonRole.Principal => ("ご本人の", "the person's "),
            PersonRole.Agent => ("任意代理人の", "the agent's "),
            _ => ("法定代理人の", "the representative's "),
        };
        string T(string japanese, string english) => Localized.Text(who.Item1 + japanese, who.Item2 + english);

        RuleFor(x => x.FullName)
            .NotEmpty().WithMessage(_ => T("氏名を入力してください。", "full name is required."))
            .SafeText(RequestFormValidator.NameMaxLength, multiline: false)
            .Must(name => name is null || JapaneseText.HasInvisibleControls(name) || NameCharacters().IsMatch(JapaneseText.NormalizeName(name)))
            .WithMessage(_ => T("氏名に使用できない文字が含まれています。文字、スペース、「・」「ー」「々」のみ使用できます。",
                "full name may contain only letters, spaces and ・ ー 々."));

        RuleFor(x => x.FullNameKana)
            .NotEmpty().WithMessage(_ => T("フリガナを入力してください。", "name in katakana is required."))
            .SafeText(RequestFormValidator.NameMaxLength, multiline: false)
            .Must(kana => kana is null || JapaneseText.HasInvisibleControls(kana) || JapaneseText.IsKatakana(JapaneseText.NormalizeKana(kana)))
            .WithMessage(_ => T("フリガナはカタカナで入力してください（ひらがな・半角カナも使えます）。", "name reading must be in katakana."));

        RuleFor(x => x.BirthDate)
            .Must(d => d.ToDate() is not null)
            .WithMessage(_ => T("生年月日を正しく入力してください。", "date of birth is not a valid date."))
            .Must(d => d.ToDate() is not { } date || (date <= today() && date > today().AddYears(-130)))
            .WithMessage(_ => T("生年月日が正しくありません（未来の日付や130年以上前の日付は入力できません）。", "date of birth is out of range."));

        RuleFor(x => x.PostalCode)
            .NotEmpty().WithMessage(_ => T("郵便番号を入力してください。", "postal code is required."))
            .Must(code => code is null || PostalCode.Normalize(code) is not null)
            .WithMessage(_ => T("郵便番号は「123-4567」の形式（7桁）で入力してください。", "postal code must be 7 digits (123-4567)."));

        RuleFor(x => x.Prefecture)
            .NotEmpty().WithMessage(_ => T("都道府県を選んでください。", "prefecture is required."))
            .Must(p => p is null || RequestFormValidator.Prefectures.Contains(p))
            .WithMessage(_ => T("都道府県を一覧から選んでください。", "choose the prefecture from the list."));

        RuleFor(x => x.City)
            .NotEmpty().WithMessage(_ => T("市区町村を入力してください。", "city is required."))
            .SafeText(100, multiline: false);

        RuleFor(x => x.AddressLine)
            .NotEmpty().WithMessage(_ => T("町名・番地・建物名を入力してください。", "street address is required."))
            .SafeText(200, multiline: false);

        RuleFor(x => x.Phone)
            .NotEmpty().WithMessage(_ => T("電話番号を入力してください。", "telephone number is required."))
            .Must(phone => phone is null || PhoneNumber.Normalize(phone) is not null)
            .WithMessage(_ => T("電話番号は「03-1234-5678」「090-1234-5678」のように、国内の番号を入力してください。",
                "telephone must be a Japanese number such as 03-1234-5678."));

        RuleFor(x => x.Email)
            .NotEmpty().When(_ => requireEmail)
            .WithMessage(_ => T("メールアドレスを入力してください（受付のお知らせをお送りします）。", "email is required (we send the acknowledgement there)."))
            .MaximumLength(254).WithMessage(_ => T("メールアドレスが長すぎます。", "email is too long."))
            .Must(email => string.IsNullOrEmpty(email) || EmailPattern().IsMatch(JapaneseText.ToHalfWidth(email).Trim()))
            .WithMessage(_ => T("メールアドレスの形式が正しくありません。", "email address is not valid."));

        RuleFor(x => x.MemberNumber)
            .Must(n => string.IsNullOrWhiteSpace(n) || MemberNumberPattern().IsMatch(JapaneseText.ToHalfWidth(n).Trim()))
            .WithMessage(_ => T("組合員番号は半角英数字（20文字以内）で入力してください。", "member number must be up to 20 letters or digits."));

        RuleFor(x => x.MemberCoop).SafeText(50, multiline: false);
    }

    // Letters of any script (kanji, kana, Latin), spaces, and the marks that appear in Japanese and foreign names.
    [GeneratedRegex(@"^[\p{L}\p{M}々〆ー・ '\.\-]+$")]
    private static partial Regex NameCharacters();

    [GeneratedRegex(@"^[^@\s<>()\[\],;:""]+@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)+$")]
    internal static partial Regex EmailPattern();

    [GeneratedRegex(@"^[A-Za-z0-9\-]{1,20}$")]
    private static partial Regex MemberNumberPattern();
}

public static partial class SafeTextRules
{
    /// <summary>
    /// Length, no control characters, and nothing that looks like markup: hostile input gets a clear message instead of
    /// being stored. (Output is encoded anyway; this is so that staff never have to read a script tag.) A one-line field
    /// (names, addresses) also refuses the invisible formatting characters (bidirectional and zero-width, see
    /// <see cref="JapaneseText.HasInvisibleControls"/>); multi-line free text has them removed before it is checked
    /// (<see cref="RequestFormInput.RemoveInvisibleControls"/>).
    /// </summary>
    public static IRuleBuilderOptions<T, string?> SafeText<T>(this IRuleBuilder<T, string?> rule, int maxLength, bool multiline) =>
        rule
            .MaximumLength(maxLength)
            .WithMessage(_ => Localized.Text($"{maxLength}文字以内で入力してください。", $"Enter at most {maxLength} characters."))
            .Must(text => multiline || !JapaneseText.HasInvisibleControls(text))
            .WithMessage(_ => Localized.Text(InvisibleCharactersMessage.Japanese, InvisibleCharactersMessage.English))
            .Must(text => text is null || !text.Any(ch => char.IsControl(ch) && !(multiline && ch is '\r' or '\n' or '\t')))
            .WithMessage(_ => Localized.Text("制御文字など、入力できない文字が含まれています。", "The text contains control characters that cannot be accepted."))
            .Must(text => text is null || !MarkupTag().IsMatch(text))
            .WithMessage(_ => Localized.Text("HTMLタグのような文字列（<script> など）は入力できません。「<」「>」を使わずに入力してください。",
                "Text that looks like an HTML tag (such as <script>) cannot be entered."));

    public static readonly PrivacyDesk.Domain.Label InvisibleCharactersMessage = new(
        "表示の向きを変える文字や幅のない文字など、目に見えない制御文字が含まれています。取り除いてから入力してください。",
        "The text contains invisible control characters (such as direction marks or zero-width characters). Remove them and try again.");

    [GeneratedRegex(@"<\s*/?\s*[A-Za-z!?]", RegexOptions.CultureInvariant)]
    private static partial Regex MarkupTag();
}
