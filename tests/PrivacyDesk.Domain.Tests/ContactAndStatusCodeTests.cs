using PrivacyDesk.Domain.Events;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Requests;

namespace PrivacyDesk.Domain.Tests;

/// <summary>Delivery for every family, contact corrections and status-code reissue (ADR 0024).</summary>
public class ContactAndStatusCodeTests
{
    private static readonly DateTimeOffset At = TestData.Jst(2026, 11, 2, 11);

    private static ContactDetails Same(Person p) => new(p.PostalCode, p.Prefecture, p.City, p.AddressLine, p.Phone, p.Email);

    [Fact]
    public void Correction_and_stop_use_default_to_post_and_keep_an_electronic_choice()
    {
        Assert.Equal(DeliveryMethod.Post, RequestBuilder.Correction().Build().Delivery);
        var electronic = RequestBuilder.StopUse().WithDetails(new RequestDetails("利用履歴", StopGrounds: [StopUseGround.NoLongerNeeded], Delivery: DeliveryMethod.Electronic)).Build();
        Assert.Equal(DeliveryMethod.Electronic, electronic.Delivery);
    }

    [Fact]
    public void A_phone_correction_keeps_the_old_value_and_raises_an_event_with_ids_only()
    {
        var request = RequestBuilder.Correction().Build();
        ((IEventSource)request).TakeEvents();
        var before = request.Principal.Phone;
        request.CorrectContact(PartyRole.Principal, Same(request.Principal) with { Phone = "090-1234-5678" }, "本人から電話", TestData.Staff, At);

        Assert.Equal("090-1234-5678", request.Principal.Phone);
        var row = Assert.Single(request.ContactCorrections);
        Assert.Equal((ContactField.Phone, before, "090-1234-5678"), (row.Field, row.OldValue, row.NewValue));
        var raised = Assert.IsType<ContactCorrected>(Assert.Single(((IEventSource)request).TakeEvents()));
        Assert.Equal([ContactField.Phone], raised.Fields);
        Assert.Equal([row.Id], raised.CorrectionIds);
    }

    [Fact]
    public void A_correction_that_changes_nothing_or_has_no_reason_is_refused()
    {
        var request = RequestBuilder.Correction().Build();
        Assert.Equal("contact.unchanged", Assert.Throws<DomainRuleException>(() =>
            request.CorrectContact(PartyRole.Principal, Same(request.Principal), "確認", TestData.Staff, At)).Code);
        Assert.Throws<DomainRuleException>(() =>
            request.CorrectContact(PartyRole.Principal, Same(request.Principal) with { Phone = "090-1234-5678" }, " ", TestData.Staff, At));
        Assert.Equal("contact.noAgent", Assert.Throws<DomainRuleException>(() =>
            request.CorrectContact(PartyRole.Agent, Same(request.Principal), "代理人", TestData.Staff, At)).Code);
        Assert.Empty(request.ContactCorrections);
    }

    [Fact]
    public void The_email_of_an_electronic_request_cannot_be_removed()
    {
        var request = RequestBuilder.Disclosure().Build();
        Assert.Equal(DeliveryMethod.Electronic, request.Delivery);
        Assert.Equal("contact.emailNeeded", Assert.Throws<DomainRuleException>(() =>
            request.CorrectContact(PartyRole.Principal, Same(request.Principal) with { Email = null }, "メール不達", TestData.Staff, At)).Code);
        request.ChangeDelivery(DeliveryMethod.Post, TestData.Staff, At);
        request.CorrectContact(PartyRole.Principal, Same(request.Principal) with { Email = null }, "メール不達", TestData.Staff, At);
        Assert.Null(request.Principal.Email);
    }

    [Fact]
    public void A_reissued_code_replaces_the_hash_and_needs_an_email_to_go_by_mail()
    {
        var request = RequestBuilder.Correction().WithPrincipal(() => TestData.Principal()).Build();
        var code = AccessToken.CreateStatusCode();
        request.ReissueStatusCode(AccessToken.HashStatusCode(code), StatusCodeDelivery.Mail, CallerVerification.CalledBackRegisteredPhone, TestData.Staff, At);
        Assert.True(AccessToken.Matches(code, request.AccessTokenHash));
        Assert.Equal(At.ToUniversalTime(), request.StatusCodeReissuedAt);
        Assert.Throws<ArgumentException>(() => request.ReissueStatusCode(request.AccessTokenHash, StatusCodeDelivery.Post, CallerVerification.CalledBackRegisteredPhone, TestData.Staff, At));

        var noEmail = RequestBuilder.Correction().WithPrincipal(() => new Person(PartyRole.Principal, "山田 太郎", "ヤマダ タロウ",
            new DateOnly(1980, 4, 1), "160-0022", "東京都", "新宿区", "新宿6-24-20", "03-5285-1771", null)).Build();
        var hash = noEmail.AccessTokenHash;
        Assert.Equal("statusCode.noEmail", Assert.Throws<DomainRuleException>(() => noEmail.ReissueStatusCode(
            AccessToken.HashStatusCode(AccessToken.CreateStatusCode()), StatusCodeDelivery.Mail, CallerVerification.RegisteredDetailsMatched, TestData.Staff, At)).Code);
        Assert.Equal(hash, noEmail.AccessTokenHash);
    }
}
