using PrivacyDesk.Domain.People;

namespace PrivacyDesk.Domain.Tests;

public class PersonTests
{
    private static Person Make(string postalCode = "〒１６０－００２２", string phone = "０３－５２８５－１７７１", string? email = " hanako@example.jp ") => new(
        PartyRole.Principal,
        "鈴木　　花子",
        "ｽｽﾞｷ　はなこ",
        new DateOnly(1990, 2, 14),
        postalCode,
        " 東京都 ",
        "新宿区",
        " 新宿6-24-20（5F） ",
        phone,
        email,
        " ＡＢ１２３４ ",
        "  ");

    [Fact]
    public void InputIsStoredInCanonicalForm()
    {
        var person = Make();

        Assert.Equal("鈴木 花子", person.FullName);
        Assert.Equal("スズキ ハナコ", person.FullNameKana);
        Assert.Equal("スズキハナコ", person.SearchKana);
        Assert.Equal("160-0022", person.PostalCode);
        Assert.Equal("03-5285-1771", person.Phone);
        Assert.Equal("hanako@example.jp", person.Email);
        Assert.Equal("AB1234", person.MemberNumber);
        Assert.Null(person.MemberCoop);
        Assert.Equal("東京都新宿区新宿6-24-20（5F）", person.FullAddress);
        Assert.Equal(new DateOnly(1990, 2, 14), person.DateOfBirth);
        Assert.NotEqual(Guid.Empty, person.Id);
    }

    [Fact]
    public void BlankEmailIsNull()
    {
        Assert.Null(Make(email: " ").Email);
    }

    [Fact]
    public void BadPostalCodeIsRefusedInJapanese()
    {
        var ex = Assert.Throws<DomainRuleException>(() => Make(postalCode: "160-002"));

        Assert.Equal("person.postalCode", ex.Code);
        Assert.Equal("郵便番号は「123-4567」の形式で入力してください。", ex.Message);
    }

    [Fact]
    public void BadPhoneIsRefusedInJapanese()
    {
        var ex = Assert.Throws<DomainRuleException>(() => Make(phone: "1234"));

        Assert.Equal("person.phone", ex.Code);
        Assert.Equal("電話番号は「03-1234-5678」の形式で入力してください。", ex.Message);
        Assert.Equal("Enter a Japanese telephone number such as 03-1234-5678.", ex.MessageFor("en"));
    }

    [Fact]
    public void TheDuplicateKeyIsTheKanaKeyAndTheBirthDate()
    {
        var person = Make();

        Assert.Equal("スズキハナコ|1990-02-14", person.DuplicateKey);
        Assert.Equal(person.DuplicateKey, Person.DuplicateKeyOf("スズキハナコ", new DateOnly(1990, 2, 14)));
        Assert.NotEqual(person.DuplicateKey, Person.DuplicateKeyOf("スズキハナコ", new DateOnly(1990, 2, 15)));
    }
}
