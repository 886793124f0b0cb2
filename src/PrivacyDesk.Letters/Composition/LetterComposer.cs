using PrivacyDesk.Domain;
using PrivacyDesk.Domain.Decisions;
using PrivacyDesk.Domain.Documents;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Domain.People;
using PrivacyDesk.Domain.Text;
using PrivacyDesk.Letters.Layout;

namespace PrivacyDesk.Letters.Composition;

/// <summary>The request a letter is about cannot yield that letter (e.g. a result letter before any decision).</summary>
public sealed class LetterNotApplicableException(string message) : Exception(message);

/// <summary>
/// Writes the co-op's letters from a request: a formal Japanese business letter (date and number top right,
/// addressee, sender, title, body, 記 … 以上, contact details). Wording follows the co-op's policy (seed §7) and
/// APPI Arts. 32–36. Works from any request the domain can hold; a letter that needs what the request lacks (a
/// decision, a deficiency) is refused with <see cref="LetterNotApplicableException"/>.
/// </summary>
public sealed class LetterComposer(LetterSettings settings)
{
    private const string Indent = "　";

    public LetterSettings Settings { get; } = settings;

    /// <summary>What a letter prints where a status code would be, on the copy the co-op keeps (the code is never stored).</summary>
    public const string MaskedStatusCode = "＊＊＊＊-＊＊＊＊-＊＊＊＊-＊＊＊＊-＊＊＊＊（控えには印字しません）";

    /// <param name="paymentId">For a <see cref="LetterKind.Receipt"/>, the payment it is for (else the latest payment received).</param>
    /// <param name="statusCode">
    /// The member's status code to print: on a <see cref="LetterKind.StatusCodeNotice"/>, and on an acknowledgement of a
    /// postal request (ADR 0024). Null prints <see cref="MaskedStatusCode"/> on the status-code notice and nothing on the
    /// acknowledgement.
    /// </param>
    public LetterDocument Compose(LetterKind kind, PrivacyRequest request, DateOnly date, Guid? paymentId = null, string? statusCode = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (kind == LetterKind.Receipt)
        {
            return Receipt(request, date, paymentId);
        }

        var document = new LetterDocument($"{LetterKinds.Title(kind).Japanese} {request.ReferenceNumber}");
        Header(document, request, date);
        document.Add(new Paragraph(LetterKinds.Title(kind).Japanese, TextStyle.Title, TextAlign.Center)).Space(8);
        switch (kind)
        {
            case LetterKind.Acknowledgement: Acknowledgement(document, request, statusCode); break;
            case LetterKind.StatusCodeNotice: StatusCodeNotice(document, request, statusCode); break;
            case LetterKind.FeeNotice: FeeNotice(document, request); break;
            case LetterKind.Deficiency: Deficiency(document, request, date); break;
            case LetterKind.PurposeOfUseNotice: PurposeOfUse(document, request); break;
            case LetterKind.DisclosureDecision: Disclosure(document, request, RequestKind.Disclosure); break;
            case LetterKind.ThirdPartyRecords: Disclosure(document, request, RequestKind.ThirdPartyProvisionRecordDisclosure); break;
            case LetterKind.NonDisclosure: NonDisclosure(document, request); break;
            case LetterKind.CorrectionResult: Result(document, request, RequestFamily.Correction); break;
            case LetterKind.StopUseResult: Result(document, request, RequestFamily.StopUse); break;
            case LetterKind.CoverLetter: CoverLetter(document, request); break;
            case LetterKind.DelayNotice: DelayNotice(document, request); break;
            case LetterKind.RejectionNotice: RejectionNotice(document, request); break;
            case LetterKind.WithdrawalConfirmation: WithdrawalConfirmation(document, request); break;
            case LetterKind.Reminder: Reminder(document, request); break;
            case LetterKind.AbandonmentNotice: AbandonmentNotice(document, request); break;
            default: throw new ArgumentOutOfRangeException(nameof(kind));
        }

        Contact(document, LetterKinds.IsResult(kind) || kind is LetterKind.Deficiency or LetterKind.RejectionNotice or LetterKind.AbandonmentNotice);
        return document;
    }

    private void Header(LetterDocument document, PrivacyRequest request, DateOnly date)
    {
        var to = request.Agent ?? request.Principal;
        var sender = Settings.Sender;
        document
            .Text($"受付番号 {request.ReferenceNumber}", align: TextAlign.Right)
            .Text(Settings.FormatDate(date), align: TextAlign.Right)
            .Space(6)
            .Text($"〒{to.PostalCode}")
            .Text(to.FullAddress)
            .Add(new Paragraph($"{to.FullName} 様", TextStyle.Large));
        if (request.Agent is not null)
        {
            document.Text($"（{request.Principal.FullName} 様の{Labels.RequesterType(request.RequesterType).Japanese}）", TextStyle.Small);
        }

        document.Space(6)
            .Text(sender.Name, align: TextAlign.Right)
            .Text(sender.Department, align: TextAlign.Right)
            .Text($"〒{sender.PostalCode} {sender.Address}", TextStyle.Small, TextAlign.Right)
            .Text($"電話 {sender.Phone}", TextStyle.Small, TextAlign.Right);
        if (!string.IsNullOrWhiteSpace(sender.Email))
        {
            document.Text($"電子メール {sender.Email}", TextStyle.Small, TextAlign.Right);
        }

        document.Space(14);
    }

    private static void Body(LetterDocument document, params string[] paragraphs)
    {
        foreach (var paragraph in paragraphs)
        {
            document.Text(Indent + paragraph);
        }
    }

    private static void Ki(LetterDocument document) =>
        document.Space(6).Add(new Paragraph("記", TextStyle.Body, TextAlign.Center, KeepWithNext: true)).Space(4);

    private static void Ijo(LetterDocument document) => document.Text("以上", align: TextAlign.Right).Space(8);

    private static void Facts(LetterDocument document, params (string Label, string Value)[] rows) =>
        document.Add(new Table([1, 3], null, rows.Select(r => (IReadOnlyList<string>)[r.Label, r.Value]).ToArray(), FirstColumnIsLabel: true));

    private static void Heading(LetterDocument document, string text) =>
        document.Space(4).Add(new Paragraph(text, TextStyle.Heading, KeepWithNext: true));

    private static void Items(LetterDocument document, IEnumerable<string> items, string bullet = "・")
    {
        foreach (var item in items)
        {
            document.Add(new Paragraph(item, Indent: 10, HangingPrefix: bullet));
        }
    }

    private static string Received(PrivacyRequest request) => JapaneseText.ToWareki(JapaneseText.JstDate(request.ReceivedAt));

    private static string KindList(IEnumerable<RequestKind> kinds) => string.Join("、", kinds.Select(k => Labels.Kind(k).Japanese));

    private static string DeliveryText(PrivacyRequest request) =>
        request.Delivery is { } delivery ? Labels.Delivery(delivery).Japanese : "書面（郵送）";

    private void StatusCodeNotice(LetterDocument document, PrivacyRequest request, string? statusCode)
    {
        Body(document,
            "お申し出により、ご請求の処理状況を確認するための「確認用コード」を新しく発行いたしました。これまでの確認用コードは使用できなくなりました。",
            "状況確認ページで、受付番号と下記の確認用コードを入力してください。確認用コードは他の方に知らせないでください。");
        Ki(document);
        Facts(document,
            ("受付番号", request.ReferenceNumber),
            ("確認用コード", statusCode ?? MaskedStatusCode),
            ("状況確認ページ", Settings.StatusPageUrl));
        Ijo(document);
    }

    private void Acknowledgement(LetterDocument document, PrivacyRequest request, string? statusCode = null)
    {
        var fee = request.FeeDueYen > 0;
        Body(document,
            $"このたびは、当会の保有する個人情報について、下記のとおり「{Labels.Family(request.Family).Japanese}」をいただきました。本書をもって受付のお知らせといたします。",
            $"今後、本人確認書類を確認し{(fee ? "、手数料の入金を確認し" : string.Empty)}たうえで、遅滞なく内容を調査し、結果を{DeliveryText(request)}でお知らせいたします。" +
            "お問い合わせの際は、受付番号をお知らせください。");
        Ki(document);
        Facts(document,
            ("受付番号", request.ReferenceNumber),
            ("受付日", Received(request)),
            ("請求の種類", KindList(request.Kinds)),
            ("請求者の区分", Labels.RequesterType(request.RequesterType).Japanese),
            ("対象となる個人情報", request.DataDescription),
            ("回答の方法", DeliveryText(request)),
            ("手数料", fee ? $"{LetterSettings.Yen(request.FeeDueYen)}（1回の請求につき）" : "かかりません"));
        if (statusCode is not null)
        {
            // A postal request gets its status code on paper (ADR 0024): the only copy that exists.
            Heading(document, "処理状況の確認");
            Body(document, $"状況確認ページ（{Settings.StatusPageUrl}）で、受付番号と次の確認用コードを入力すると、処理状況を確認できます。確認用コードは他の方に知らせないでください。");
            Facts(document, ("確認用コード", statusCode));
        }

        var missing = request.MissingDocuments();
        if (missing.Count > 0)
        {
            Heading(document, "まだ届いていない書類");
            Items(document, missing.Select(m => m.Description.Japanese));
        }

        Ijo(document);
    }

    private void FeeNotice(LetterDocument document, PrivacyRequest request)
    {
        var bank = Settings.Bank;
        var due = Math.Max(request.FeeDueYen - request.FeePaidYen, 0);
        Body(document,
            $"{Received(request)}に受け付けました「{Labels.Family(request.Family).Japanese}」につきまして、当会の定めにより、1回の請求につき{LetterSettings.Yen(request.FeeDueYen)}の事務手数料をいただいております。" +
            (bank is null ? "お手数ですが、振込先の口座を下記の窓口にお問い合わせのうえ、お振込みくださいますようお願いいたします。" : "お手数ですが、下記の口座へお振込みくださいますようお願いいたします。"),
            "なお、開示しない旨の決定をした場合及び利用目的を通知しない場合についても、所定の事務手数料をいただきます。手数料の入金を確認できるまでの間、回答の手続きを保留させていただきます。");
        Ki(document);
        var rows = new List<(string, string)>
        {
            ("受付番号", request.ReferenceNumber),
            ("事務手数料", $"{LetterSettings.Yen(request.FeeDueYen)}（1回の請求につき）"),
            ("お振込みいただく金額", LetterSettings.Yen(due)),
        };
        rows.AddRange(PaymentRows(request));
        Facts(document, [.. rows]);
        Ijo(document);
    }

    private void Deficiency(LetterDocument document, PrivacyRequest request, DateOnly date)
    {
        var reason = request.StatusHistory.Where(c => c.To == RequestStatus.ReturnedForDeficiency).MaxBy(c => c.At)?.Reason
            ?? throw new LetterNotApplicableException("The request has not been returned for a deficiency.");
        var missing = request.MissingDocuments(Settings.Catalogue);
        var needed = (missing.Count > 0 ? missing : DocumentRequirements.For(request.RequesterType, Settings.Catalogue, date)).Select(m => m.Description.Japanese);
        var sender = Settings.Sender;
        Body(document,
            $"{Received(request)}に受け付けました「{Labels.Family(request.Family).Japanese}」につきまして、ご提出いただいた本人確認書類等を確認しましたところ、下記のとおり不備がございました。",
            "お手数ですが、下記の書類をご用意のうえ、受付番号を明記して当会までご郵送ください。書類が届き次第、手続きを再開いたします。書類をおそろえのうえ、改めて請求していただくこともできます。");
        Ki(document);
        Facts(document,
            ("受付番号", request.ReferenceNumber),
            ("不備の内容", reason),
            ("送付先", $"〒{sender.PostalCode} {sender.Address} {sender.Name} {sender.Department}"));
        Heading(document, "ご提出いただく書類");
        Items(document, needed);
        Items(document, Settings.Catalogue.PaperNotes(date), "※");
        if (request.RequesterType == RequesterType.VoluntaryAgent && !string.IsNullOrWhiteSpace(Settings.PowerOfAttorneyUrl))
        {
            Items(document, [$"委任状は、当会のひな形（{Settings.PowerOfAttorneyUrl}）をお使いいただけます。"], "※");
        }
        Ijo(document);
    }

    /// <summary>Where and how to pay the fee: the account (or where to ask for it) and the payer name to give.</summary>
    private IEnumerable<(string, string)> PaymentRows(PrivacyRequest request)
    {
        var bank = Settings.Bank;
        IEnumerable<(string, string)> rows = bank is null
            ? [("振込先", Settings.AskForTheAccount)]
            : [("振込先", bank.OneLine), ("口座名義", bank.AccountHolder)];
        return rows.Append(("振込依頼人名", $"受付番号の数字「{ReferenceNumber.TransferDigits(request.ReferenceNumber)}」に続けて、ご請求者のお名前をご入力ください。"));
    }

    /// <summary>The last status change into <paramref name="status"/>, or the letter does not apply.</summary>
    private static StatusChange LastChangeTo(PrivacyRequest request, RequestStatus status) =>
        request.StatusHistory.Where(c => c.To == status).MaxBy(c => c.At)
        ?? throw new LetterNotApplicableException($"The request has no change to {status}.");

    /// <summary>What the co-op waits for (or waited for) from the member, in the words of the reminder letters.</summary>
    private static string Awaited(RequestStatus waiting) => waiting == RequestStatus.AwaitingFee
        ? "手数料のご入金"
        : "本人確認書類等のご提出";

    private static string Date(DateTimeOffset instant) => JapaneseText.ToWareki(JapaneseText.JstDate(instant));

    private static void RejectionNotice(LetterDocument document, PrivacyRequest request)
    {
        var change = LastChangeTo(request, RequestStatus.Rejected);
        var ground = request.RejectionGround ?? Domain.Closing.RejectionGround.Other;
        Body(document,
            $"{Received(request)}に受け付けました「{Labels.Family(request.Family).Japanese}」につきまして、下記の理由により、ご請求に応じることができませんので、お知らせいたします。",
            ground is Domain.Closing.RejectionGround.IncompleteAfterDeadline or Domain.Closing.RejectionGround.IdentityNotConfirmed
                ? "本人確認書類等をおそろえのうえ、改めてご請求いただくことができます。ご不明な点は、下記の窓口までお問い合わせください。"
                : "ご不明な点は、下記の窓口までお問い合わせください。");
        Ki(document);
        Facts(document,
            ("受付番号", request.ReferenceNumber),
            ("請求の種類", KindList(request.Kinds)),
            ("却下した日", Date(change.At)),
            ("却下の理由", Domain.Closing.RejectionGrounds.Label(ground).Japanese),
            ("理由の詳細", change.Reason ?? string.Empty));
        Ijo(document);
    }

    private static void WithdrawalConfirmation(LetterDocument document, PrivacyRequest request)
    {
        var change = LastChangeTo(request, RequestStatus.Withdrawn);
        var online = change.Actor == PrivacyRequest.MemberActor;
        Body(document,
            $"{Received(request)}に受け付けました「{Labels.Family(request.Family).Japanese}」につきまして、下記のとおり取下げのお申し出を受け付けましたので、確認のためお知らせいたします。本件の手続きは、これをもって終了いたしました。",
            "お預かりした本人確認書類の写しは、当会の定める保存期間の経過後に廃棄いたします。お心当たりのない場合は、お手数ですが下記の窓口までご連絡ください。");
        Ki(document);
        var rows = new List<(string, string)>
        {
            ("受付番号", request.ReferenceNumber),
            ("請求の種類", KindList(request.Kinds)),
            ("取下げの日", Date(change.At)),
            ("お申し出の方法", online ? "状況確認ページからのお手続き" : "お電話又は書面によるお申し出（当会にて記録）"),
        };
        if (!string.IsNullOrWhiteSpace(change.Reason))
        {
            rows.Add(("お申し出の内容", change.Reason));
        }

        Facts(document, [.. rows]);
        Ijo(document);
    }

    private void Reminder(LetterDocument document, PrivacyRequest request)
    {
        if (!RequestStatusMachine.IsWaitingForMember(request.Status) || request.ClosesIfUnansweredOn is not { } closesOn)
        {
            throw new LetterNotApplicableException("No reminder has been recorded for the request.");
        }

        var fee = request.Status == RequestStatus.AwaitingFee;
        Body(document,
            $"{Received(request)}に受け付けました「{Labels.Family(request.Family).Japanese}」につきまして、{Date(request.ClockPausedSince ?? request.ReceivedAt)}から{Awaited(request.Status)}をお待ちしておりますが、現在までに確認できておりません。",
            $"お手数ですが、下記の期日までにお手続きくださいますようお願いいたします。期日までに確認できない場合は、ご請求の手続きを終了させていただきます。既にお手続きいただいている場合は、本書と行き違いになりましたことをご容赦ください。");
        Ki(document);
        var rows = new List<(string, string)>
        {
            ("受付番号", request.ReferenceNumber),
            ("お待ちしているもの", Awaited(request.Status)),
            ("期日", $"{JapaneseText.ToWareki(closesOn)}まで"),
            ("ご案内の回数", $"{request.RemindersSent}回目"),
        };
        if (fee)
        {
            rows.Add(("お振込みいただく金額", LetterSettings.Yen(request.FeeOutstandingYen)));
            rows.AddRange(PaymentRows(request));
        }
        else
        {
            var sender = Settings.Sender;
            rows.Add(("不備の内容", LastChangeTo(request, RequestStatus.ReturnedForDeficiency).Reason ?? string.Empty));
            rows.Add(("送付先", $"〒{sender.PostalCode} {sender.Address} {sender.Name} {sender.Department}"));
        }

        Facts(document, [.. rows]);
        Ijo(document);
    }

    private static void AbandonmentNotice(LetterDocument document, PrivacyRequest request)
    {
        var change = LastChangeTo(request, RequestStatus.Rejected);
        var waited = change.From ?? RequestStatus.AwaitingFee;
        Body(document,
            $"{Received(request)}に受け付けました「{Labels.Family(request.Family).Japanese}」につきまして、{Awaited(waited)}をお待ちしておりましたが、ご案内した期日までに確認できませんでしたので、ご請求の手続きを終了いたしました。",
            "改めてご請求いただくことはできます。ご不明な点は、下記の窓口までお問い合わせください。");
        Ki(document);
        Facts(document,
            ("受付番号", request.ReferenceNumber),
            ("請求の種類", KindList(request.Kinds)),
            ("お待ちしていたもの", Awaited(waited)),
            ("ご案内した期日", request.ClosesIfUnansweredOn is { } on ? JapaneseText.ToWareki(on) : "—"),
            ("手続きを終了した日", Date(change.At)));
        Ijo(document);
    }

    private static void DelayNotice(LetterDocument document, PrivacyRequest request)
    {
        var newDate = request.DeadlineExtendedTo
            ?? throw new LetterNotApplicableException("The deadline of the request has not been extended.");
        Body(document,
            $"{Received(request)}に受け付けました「{Labels.Family(request.Family).Japanese}」につきまして、回答までにお時間をいただいております。",
            "誠に申し訳ございませんが、下記の理由により、回答予定日を下記のとおり変更させていただきます。準備が整い次第、できるだけ早くお知らせいたします。");
        Ki(document);
        Facts(document,
            ("受付番号", request.ReferenceNumber),
            ("請求の種類", KindList(request.Kinds)),
            ("変更後の回答予定日", JapaneseText.ToWareki(newDate)),
            ("延長の理由", request.DeadlineExtensionReason ?? string.Empty));
        Ijo(document);
    }

    /// <summary>
    /// 領収書: a receipt, not a letter, so no address block or 記 … 以上: payer 様, 金…円也 large, 但し書き, the payment and
    /// issue dates in 和暦, the reference number, the co-op as issuer. No revenue stamp: none is due below ¥50,000.
    /// </summary>
    private LetterDocument Receipt(PrivacyRequest request, DateOnly date, Guid? paymentId)
    {
        var payment = (paymentId is { } id
                ? request.Payments.FirstOrDefault(p => p.Id == id)
                : request.Payments.Where(p => p.AmountYen > 0).MaxBy(p => p.RecordedAt))
            ?? throw new LetterNotApplicableException("The request has no such payment to give a receipt for.");
        if (payment.AmountYen <= 0)
        {
            throw new LetterNotApplicableException("A refund gets no receipt.");
        }

        var payer = request.Agent ?? request.Principal;
        var sender = Settings.Sender;
        var document = new LetterDocument($"{LetterKinds.Title(LetterKind.Receipt).Japanese} {request.ReferenceNumber}");
        document
            .Text($"受付番号 {request.ReferenceNumber}", align: TextAlign.Right)
            .Text($"発行日 {JapaneseText.ToWareki(date)}", align: TextAlign.Right)
            .Space(10)
            .Add(new Paragraph(LetterKinds.Title(LetterKind.Receipt).Japanese, TextStyle.Title, TextAlign.Center)).Space(14)
            .Add(new Paragraph($"{payer.FullName} 様", TextStyle.Large)).Space(12)
            .Add(new Paragraph($"金{payment.AmountYen.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}円也", TextStyle.Title, TextAlign.Center)).Space(8)
            .Text("但し　個人情報開示等手数料として", align: TextAlign.Center)
            .Text("上記正に領収いたしました。", align: TextAlign.Center)
            .Space(12);
        Facts(document,
            ("受付番号", request.ReferenceNumber),
            ("入金日", JapaneseText.ToWareki(payment.PaidOn)),
            ("お支払方法", Labels.PaymentMethod(payment.Method).Japanese),
            ("請求の種類", KindList(request.Kinds)));
        document.Space(16)
            .Text(sender.Name, align: TextAlign.Right)
            .Text(sender.Department, align: TextAlign.Right)
            .Text($"〒{sender.PostalCode} {sender.Address}", TextStyle.Small, TextAlign.Right)
            .Text($"電話 {sender.Phone}", TextStyle.Small, TextAlign.Right);
        return document;
    }

    private static Decision RequireDecision(PrivacyRequest request) =>
        request.Decision ?? throw new LetterNotApplicableException("The request has no decision yet, so no result letter can be written.");

    private static KindDecision RequireOutcome(PrivacyRequest request, RequestKind kind) =>
        RequireDecision(request).Outcomes.FirstOrDefault(o => o.Kind == kind)
        ?? throw new LetterNotApplicableException($"The decision has no outcome for {kind}.");

    private void PurposeOfUse(LetterDocument document, PrivacyRequest request)
    {
        var outcome = RequireOutcome(request, RequestKind.PurposeOfUseNotice);
        if (outcome.Outcome != KindOutcome.FullDisclosure)
        {
            throw new LetterNotApplicableException("Purpose of use was not notified; the answer is a 不開示決定通知書.");
        }

        Body(document,
            $"{Received(request)}に受け付けました利用目的の通知の請求につきまして、個人情報の保護に関する法律第32条第2項に基づき、" +
            "当会が保有するあなたの保有個人データの利用目的を下記のとおり通知いたします。");
        Ki(document);
        Facts(document, ("受付番号", request.ReferenceNumber), ("対象となる個人情報", request.DataDescription));
        Heading(document, "利用目的");

        // The purposes the decision notified (ADR 0020); a decision made before content per kind has none and
        // notified the configured list, as its letter did then.
        var purposes = Lines(outcome.Content) is { Length: > 0 } decided ? decided : Settings.PurposesOfUse.ToArray();
        document.Add(new Table([1, 12], ["番号", "利用目的"],
            purposes.Select((p, i) => (IReadOnlyList<string>)[$"{i + 1}", p]).ToArray(), Style: TextStyle.Small));
        Ijo(document);
    }

    private static void Disclosure(LetterDocument document, PrivacyRequest request, RequestKind kind)
    {
        var outcome = RequireOutcome(request, kind);
        if (!DecisionRules.DisclosesContent(kind, outcome.Outcome))
        {
            throw new LetterNotApplicableException("Nothing is disclosed for this kind; the answer is a 不開示決定通知書.");
        }

        var partial = outcome.Outcome == KindOutcome.PartialDisclosure;
        var what = kind == RequestKind.Disclosure ? "保有個人データ" : "第三者提供記録";
        // Art. 33(1) is the member's right to ask; the co-op's duty to disclose is 33(2), applied to the records by 33(5).
        var records = kind == RequestKind.ThirdPartyProvisionRecordDisclosure;
        var article = records ? "第33条第5項において準用する同条第2項" : "第33条第2項";
        Body(document,
            $"{Received(request)}に受け付けました「{Labels.Kind(kind).Japanese}」の請求につきまして、個人情報の保護に関する法律{article}に基づき、" +
            $"下記のとおり{what}の{(partial ? "一部を開示する" : "全部を開示する")}ことと決定しましたので通知いたします。");
        if (partial)
        {
            // The part withheld is a decision not to disclose: notified under 33(3) (with 33(5) for records), reasons under 36.
            Body(document, $"開示しないこととした部分については、同法{(records ? "第33条第5項において準用する同条第3項" : "第33条第3項")}に基づき、" +
                "その根拠及び理由を下記に記載しました（同法第36条）。");
        }

        Ki(document);
        Facts(document,
            ("受付番号", request.ReferenceNumber),
            ("開示の対象", request.DataDescription),
            ("決定の内容", Labels.Outcome(outcome.Outcome).Japanese),
            ("開示の方法", DeliveryText(request)));
        Heading(document, $"開示する{what}");
        // Only this kind's content: the records letter never prints the personal data, nor the other way round.
        document.Add(ContentTable(outcome.Content ?? string.Empty));
        if (partial)
        {
            Withheld(document, outcome, records);
        }

        Ijo(document);
    }

    private static string[] Lines(string? content) => (content ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
        .Select(line => line.Trim()).Where(line => line.Length > 0).ToArray();

    /// <summary>
    /// The disclosed content as a table: one row per line; a line "項目：内容" (or with a tab) splits into its two columns.
    /// </summary>
    internal static Table ContentTable(string content)
    {
        var rows = content.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line =>
            {
                var cut = line.IndexOfAny(['\t', '：']);
                return (IReadOnlyList<string>)(cut > 0 && cut < 40
                    ? [line[..cut].Trim(), line[(cut + 1)..].Trim()]
                    : [string.Empty, line.Trim()]);
            })
            .ToArray();
        return new Table([1, 2.6], ["項目", "内容"], rows, Style: TextStyle.Small);
    }

    private static void Withheld(LetterDocument document, KindDecision outcome, bool records)
    {
        // "(1)", not the parenthesised digit U+2474: IPAex Mincho has no glyph for it (GlyphCoverageTests).
        Heading(document, $"開示しない根拠（当会の個人情報保護方針7.(1)、個人情報の保護に関する法律{(records ? "第33条第5項において準用する同条第2項" : "第33条第2項")}各号）");
        Items(document, outcome.Grounds.Select(g => Labels.Ground(g).Japanese), string.Empty);
        Heading(document, "理由");
        document.Add(new Paragraph(outcome.Reason ?? string.Empty, Indent: 10));
    }

    private static void NonDisclosure(LetterDocument document, PrivacyRequest request)
    {
        var outcomes = RequireDecision(request).Outcomes
            .Where(o => LetterKinds.ResultLetter(o.Kind, o.Outcome) == LetterKind.NonDisclosure)
            .ToArray();
        if (outcomes.Length == 0)
        {
            throw new LetterNotApplicableException("Every kind was disclosed; there is nothing to refuse.");
        }

        var purposes = outcomes.Count(o => o.Kind == RequestKind.PurposeOfUseNotice);
        var refused = purposes == outcomes.Length ? "通知しない" : purposes > 0 ? "開示又は通知をしない" : "開示しない";
        var articles = JoinArticles(outcomes.Select(o => NonDisclosureArticle(o.Kind)).Distinct().ToArray());
        Body(document,
            $"{Received(request)}に受け付けました「{KindList(outcomes.Select(o => o.Kind))}」の請求につきまして、" +
            $"下記のとおり{refused}ことと決定しましたので、個人情報の保護に関する法律{articles}に基づき通知いたします。" +
            "その根拠及び理由は下記のとおりです（同法第36条）。",
            "なお、当会の定めにより、開示しない旨の決定及び利用目的を通知しない旨の決定の場合についても、所定の事務手数料をいただいております。");
        Ki(document);
        Facts(document, ("受付番号", request.ReferenceNumber), ("対象となる個人情報", request.DataDescription));
        document.Add(new Table([2, 1.6, 3.4], ["請求の種類", "決定", "根拠及び理由"],
            outcomes.Select(o => (IReadOnlyList<string>)
            [
                Labels.Kind(o.Kind).Japanese,
                o.Outcome == KindOutcome.NoDataHeld ? NothingHeld(o.Kind) : Labels.Outcome(o.Outcome).Japanese,
                GroundsAndReason(o),
            ]).ToArray()));
        if (outcomes.Any(o => o.Grounds.Contains(NonDisclosureGround.IdentityNotConfirmed)))
        {
            Body(document, "本人確認ができないことを理由とする部分については、本人確認書類等をおそろえのうえ、改めて請求していただくことができます。");
        }

        Ijo(document);
    }

    /// <summary>The article under which a refusal is notified: 32(3) for purposes, 33(3) for data, 33(5) applying 33(3) for records.</summary>
    private static string NonDisclosureArticle(RequestKind kind) => kind switch
    {
        RequestKind.PurposeOfUseNotice => "第32条第3項",
        RequestKind.ThirdPartyProvisionRecordDisclosure => "第33条第5項において準用する同条第3項",
        _ => "第33条第3項",
    };

    /// <summary>"A及びB", "A、B及びC": the way a Japanese letter lists provisions.</summary>
    private static string JoinArticles(string[] articles) => articles.Length <= 1
        ? string.Concat(articles)
        : $"{string.Join("、", articles[..^1])}及び{articles[^1]}";

    /// <summary>"Nothing held" in the words of the kind: a records request is answered about records, not data.</summary>
    private static string NothingHeld(RequestKind kind) =>
        kind == RequestKind.ThirdPartyProvisionRecordDisclosure ? "該当する第三者提供記録が存在しません" : "該当する保有個人データが存在しません";

    private static string GroundsAndReason(KindDecision outcome)
    {
        var grounds = string.Join("\n", outcome.Grounds.Select(g => Labels.Ground(g).Japanese));

        // A refusal to notify purposes rests on the exceptions of Art. 32(2), each label naming its provision. A
        // decision stored before those existed (on ①–④) prints its grounds as it was decided.
        if (outcome.Grounds.Count > 0 && outcome.Grounds.All(DecisionRules.IsPurposeNoticeException))
        {
            grounds = $"通知しない根拠（個人情報の保護に関する法律第32条第2項各号）\n{grounds}";
        }

        var reason = $"理由：{outcome.Reason}";
        return grounds.Length > 0 ? $"{grounds}\n{reason}" : reason;
    }

    private static void Result(LetterDocument document, PrivacyRequest request, RequestFamily family)
    {
        var outcomes = RequireDecision(request).Outcomes.Where(o => RequestKinds.FamilyOf(o.Kind) == family).ToArray();
        if (outcomes.Length == 0)
        {
            throw new LetterNotApplicableException($"The decision has no outcome for family {family}.");
        }

        var correction = family == RequestFamily.Correction;
        var kinds = KindList(outcomes.Select(o => o.Kind));
        Body(document, correction
            ? $"{Received(request)}に受け付けました「{kinds}」の請求につきまして、利用目的の達成に必要な範囲内において遅滞なく調査を行いました。" +
              "その結果を、個人情報の保護に関する法律第34条第3項に基づき、下記のとおり通知いたします。"
            : $"{Received(request)}に受け付けました「{kinds}」の請求につきまして、個人情報の保護に関する法律第35条に従って対応を検討しました。" +
              "その結果を、同条第7項に基づき、下記のとおり通知いたします。");
        if (outcomes.Any(o => DecisionRules.NeedsReason(o.Outcome)))
        {
            Body(document, "請求のとおりに対応しなかった部分については、その理由を記載しました（同法第36条）。");
        }

        Ki(document);
        var facts = new List<(string, string)> { ("受付番号", request.ReferenceNumber), ("対象となる個人情報", request.DataDescription) };
        if (correction)
        {
            if (request.CurrentContent is not null)
            {
                facts.Add(("ご請求時の現在の内容", request.CurrentContent));
            }

            if (request.CorrectContent is not null)
            {
                facts.Add(("ご請求の正しい内容", request.CorrectContent));
            }
        }
        else
        {
            facts.Add(("ご請求の理由", string.Join("\n", request.StopGrounds.Select(g => Labels.StopGround(g).Japanese))));
            if (request.StopGroundDetail is not null)
            {
                facts.Add(("理由の詳細", request.StopGroundDetail));
            }
        }

        Facts(document, [.. facts]);
        document.Add(new Table([1.6, 1.4, 4], ["請求の種類", "結果", correction ? "訂正等の内容又は行わない理由" : "実施した内容又は行わない理由"],
            outcomes.Select(o => (IReadOnlyList<string>)
            [
                Labels.Kind(o.Kind).Japanese,
                ResultLabel(o, correction),
                o.Outcome == KindOutcome.Done ? o.Detail ?? string.Empty : $"理由：{o.Reason}",
            ]).ToArray()));
        Ijo(document);
    }

    private static string ResultLabel(KindDecision outcome, bool correction) => outcome.Outcome switch
    {
        KindOutcome.Done => correction ? $"{Labels.Kind(outcome.Kind).Japanese}を行いました" : "請求のとおり実施しました",
        KindOutcome.NotDone => correction ? $"{Labels.Kind(outcome.Kind).Japanese}を行いません" : "実施しません",
        _ => Labels.Outcome(outcome.Outcome).Japanese,
    };

    private static void CoverLetter(LetterDocument document, PrivacyRequest request)
    {
        var decision = RequireDecision(request);
        var enclosed = LetterKinds.ResultLetters(decision).Select(k => LetterKinds.Title(k).Japanese).ToList();
        enclosed.Add("開示する保有個人データ等を記載した書面 一式");
        Body(document,
            "拝啓　時下ますますご清祥のこととお慶び申し上げます。平素は当会の事業に格別のご理解を賜り、厚く御礼申し上げます。",
            $"さて、{Received(request)}に受け付けました「{Labels.Family(request.Family).Japanese}」につきまして、下記の書類をお送りいたします。ご査収くださいますようお願い申し上げます。");
        document.Text("敬具", align: TextAlign.Right);
        Ki(document);
        Facts(document, ("受付番号", request.ReferenceNumber), ("送付書類", string.Join("\n", enclosed)));
        Ijo(document);
    }

    private void Contact(LetterDocument document, bool complaints)
    {
        var sender = Settings.Sender;
        var lines = new List<string>
        {
            complaints ? "【お問い合わせ・苦情等のご相談窓口】" : "【お問い合わせ先】",
            $"{sender.Name} {sender.Department}",
            $"〒{sender.PostalCode} {sender.Address}",
            $"電話 {sender.Phone}（{sender.ReceptionHours}）",
        };
        if (!string.IsNullOrWhiteSpace(sender.Email))
        {
            lines.Add($"電子メール {sender.Email}");
        }

        if (complaints)
        {
            lines.Add("本件についてご不明な点やご不服がある場合、また個人情報の取扱いに関する苦情・ご相談は、上記窓口までお申し出ください。改めて開示等の請求をしていただくこともできます。");
        }

        document.Space(6).Add(new Boxed(lines));
    }
}
