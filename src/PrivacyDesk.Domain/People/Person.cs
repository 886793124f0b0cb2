namespace PrivacyDesk.Domain.People;

/// <summary>Who files the request (seed §7(4)イ).</summary>
public enum RequesterType
{
    /// <summary>本人.</summary>
    Principal = 1,

    /// <summary>任意代理人: 委任状 plus the agent's ID.</summary>
    VoluntaryAgent = 2,

    /// <summary>法定代理人: 戸籍謄本 or 成年後見登記事項証明書 plus the representative's ID.</summary>
    LegalRepresentative = 3,
}

public enum PartyRole
{
    /// <summary>The person the data is about (本人).</summary>
    Principal = 1,

    /// <summary>The voluntary agent or legal representative who files for them.</summary>
    Agent = 2,
}

/// <summary>
/// A person named on a request: the principal, or the agent filing for them. This is the most sensitive data the co-op
/// holds; it is never logged, only referenced by <see cref="Id"/>.
/// </summary>
public sealed class Person
{
    private Person()
    {
        FullName = FullNameKana = PostalCode = Prefecture = City = AddressLine = Phone = string.Empty;
    }

    public Person(
        PartyRole role,
        string fullName,
        string fullNameKana,
        DateOnly dateOfBirth,
        string postalCode,
        string prefecture,
        string city,
        string addressLine,
        string phone,
        string? email,
        string? memberNumber = null,
        string? memberCoop = null)
    {
        RefuseInvisibleControls(fullName, fullNameKana, city, addressLine, memberCoop);
        Id = Guid.CreateVersion7();
        Role = role;
        FullName = Text.JapaneseText.NormalizeName(fullName);
        FullNameKana = Text.JapaneseText.NormalizeKana(fullNameKana);
        DateOfBirth = dateOfBirth;
        PostalCode = Text.PostalCode.Normalize(postalCode)
            ?? throw new DomainRuleException("person.postalCode", "郵便番号は「123-4567」の形式で入力してください。", "Enter the postal code as 123-4567.");
        Prefecture = prefecture.Trim();
        City = city.Trim();
        AddressLine = addressLine.Trim();
        Phone = Text.PhoneNumber.Normalize(phone)
            ?? throw new DomainRuleException("person.phone", "電話番号は「03-1234-5678」の形式で入力してください。", "Enter a Japanese telephone number such as 03-1234-5678.");
        Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        MemberNumber = string.IsNullOrWhiteSpace(memberNumber) ? null : Text.JapaneseText.ToHalfWidth(memberNumber).Trim();
        MemberCoop = string.IsNullOrWhiteSpace(memberCoop) ? null : memberCoop.Trim();
        SearchKana = Text.JapaneseText.SearchKey(FullNameKana);
    }

    /// <summary>
    /// Names and addresses are printed on letters and read by staff: a bidirectional or zero-width character in them
    /// (see <see cref="Text.JapaneseText.HasInvisibleControls"/>) is refused, never silently stored.
    /// </summary>
    private static void RefuseInvisibleControls(params string?[] values)
    {
        if (values.Any(Text.JapaneseText.HasInvisibleControls))
        {
            throw new DomainRuleException("person.invisibleCharacters",
                "氏名・住所に、表示の向きを変える文字や幅のない文字など、目に見えない制御文字が含まれています。取り除いてから入力してください。",
                "A name or address contains invisible control characters (such as direction marks or zero-width characters). Remove them and try again.");
        }
    }

    public Guid Id { get; private set; }
    public PartyRole Role { get; private set; }

    /// <summary>氏名 as written (kanji), with spaces normalised.</summary>
    public string FullName { get; private set; }

    /// <summary>フリガナ in full-width katakana.</summary>
    public string FullNameKana { get; private set; }

    /// <summary>The kana with spaces removed and small kana enlarged, for search and duplicate detection.</summary>
    public string SearchKana { get; private set; } = string.Empty;

    public DateOnly DateOfBirth { get; private set; }

    /// <summary>
    /// Who counts as the same person for duplicate detection: the kana search key and the date of birth
    /// (<c>サトウヨウコ|1980-04-01</c>). Kanji vary (髙/高, 斉/齋) where kana and birth date do not.
    /// </summary>
    public string DuplicateKey => DuplicateKeyOf(SearchKana, DateOfBirth);

    public static string DuplicateKeyOf(string searchKana, DateOnly dateOfBirth) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{searchKana}|{dateOfBirth:yyyy-MM-dd}");

    /// <summary>〒 as ddd-dddd.</summary>
    public string PostalCode { get; private set; }

    public string Prefecture { get; private set; }
    public string City { get; private set; }

    /// <summary>町名・番地・建物名.</summary>
    public string AddressLine { get; private set; }

    public string Phone { get; private set; }
    public string? Email { get; private set; }

    /// <summary>組合員番号, when the person is a member.</summary>
    public string? MemberNumber { get; private set; }

    /// <summary>所属生協: the member co-op the person belongs to.</summary>
    public string? MemberCoop { get; private set; }

    public string FullAddress => $"{Prefecture}{City}{AddressLine}";

    /// <summary>The address on one line with its 〒, as the contact history keeps it.</summary>
    public string AddressOneLine => $"〒{PostalCode} {FullAddress}";

    /// <summary>
    /// Applies corrected contact details (<see cref="Requests.PrivacyRequest.CorrectContact"/>) with the same rules as
    /// filing, and returns what changed: (field, old value, new value), in field order.
    /// </summary>
    internal IReadOnlyList<(ContactField Field, string? Old, string? New)> Correct(ContactDetails details)
    {
        RefuseInvisibleControls(details.City, details.AddressLine, details.Prefecture);
        var postalCode = Text.PostalCode.Normalize(details.PostalCode)
            ?? throw new DomainRuleException("person.postalCode", "郵便番号は「123-4567」の形式で入力してください。", "Enter the postal code as 123-4567.");
        var phone = Text.PhoneNumber.Normalize(details.Phone)
            ?? throw new DomainRuleException("person.phone", "電話番号は「03-1234-5678」の形式で入力してください。", "Enter a Japanese telephone number such as 03-1234-5678.");
        var email = string.IsNullOrWhiteSpace(details.Email) ? null : details.Email.Trim();
        var changes = new List<(ContactField, string?, string?)>();

        var before = AddressOneLine;
        if (postalCode != PostalCode || details.Prefecture.Trim() != Prefecture || details.City.Trim() != City || details.AddressLine.Trim() != AddressLine)
        {
            PostalCode = postalCode;
            Prefecture = details.Prefecture.Trim();
            City = details.City.Trim();
            AddressLine = details.AddressLine.Trim();
            changes.Add((ContactField.Address, before, AddressOneLine));
        }

        if (phone != Phone)
        {
            changes.Add((ContactField.Phone, Phone, phone));
            Phone = phone;
        }

        if (!string.Equals(email, Email, StringComparison.Ordinal))
        {
            changes.Add((ContactField.Email, Email, email));
            Email = email;
        }

        return changes;
    }
}
