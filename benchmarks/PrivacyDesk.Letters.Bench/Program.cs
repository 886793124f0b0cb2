using System.Diagnostics;
using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PrivacyDesk.Domain.Requests;
using PrivacyDesk.Letters;
using PrivacyDesk.Letters.Composition;
using PrivacyDesk.Letters.Fonts;
using PrivacyDesk.Letters.Layout;
using PrivacyDesk.Letters.Samples;

// Usage:
//   render <dir>               writes one PDF per letter kind and per blank form into <dir>
//   bench [--seconds S]        first letter in the process, then warm single-threaded generation of one-page letters
//   bare [--seconds S]         the floor: PDFsharp alone saving a one-page PDF with one short line in the same font
var started = Stopwatch.GetTimestamp();
var mode = args.Length > 0 ? args[0] : "bench";
var engine = LetterEngine.CreateWithPdfSharp(new LetterOptions(), LetterSamples.Settings, AppContext.BaseDirectory);
var engineMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

if (mode == "render")
{
    var dir = args.Length > 1 ? args[1] : "artifacts/letters";
    Directory.CreateDirectory(dir);
    foreach (var kind in LetterKinds.All)
    {
        var pdf = engine.Render(kind, LetterSamples.For(kind), LetterSamples.LetterDate);
        File.WriteAllBytes(Path.Combine(dir, $"{LetterKinds.Code(kind)}.pdf"), pdf);
    }

    foreach (var family in Enum.GetValues<RequestFamily>())
    {
        var name = family switch { RequestFamily.Disclosure => "form-disclosure", RequestFamily.Correction => "form-correction", _ => "form-stop-use" };
        File.WriteAllBytes(Path.Combine(dir, $"{name}.pdf"), engine.BlankForm(family, LetterSamples.LetterDate));
    }

    File.WriteAllBytes(Path.Combine(dir, "form-power-of-attorney.pdf"), engine.PowerOfAttorneyForm());
    Console.WriteLine($"wrote {LetterKinds.All.Count} letters, 3 blank forms and the 委任状 template to {dir}");
    return 0;
}

var seconds = args.Length > 2 && args[1] == "--seconds" ? double.Parse(args[2], CultureInfo.InvariantCulture) : 10;

if (mode == "bare")
{
    // No composition, no layout, one DrawString: what PDFsharp's document, page, font subset (its own, of a few
    // glyphs but with the font's full loca and hmtx), ToUnicode map, deflate and writing cost per document.
    var fonts = new PdfSharpLetterFonts(LetterFontLocator.Locate(new LetterOptions(), AppContext.BaseDirectory));
    byte[] Bare()
    {
        using var pdf = new PdfDocument();
        pdf.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;
        var page = pdf.AddPage();
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            gfx.DrawString("受付のお知らせ", fonts.Font(TextStyle.Title), XBrushes.Black, 70, 70, XStringFormats.TopLeft);
        }

        using var stream = new MemoryStream();
        pdf.Save(stream);
        return stream.ToArray();
    }

    for (var i = 0; i < 200; i++)
    {
        Bare();
    }

    var bareCount = 0;
    long bareBytes = 0;
    var bareClock = Stopwatch.StartNew();
    var bareCpu = Process.GetCurrentProcess().TotalProcessorTime;
    while (bareClock.Elapsed.TotalSeconds < seconds)
    {
        bareBytes += Bare().Length;
        bareCount++;
    }

    var bareCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - bareCpu).TotalMilliseconds;
    Console.WriteLine($"bare PDFsharp one-line page: {bareCount} documents in {bareClock.Elapsed.TotalSeconds:F1} s: " +
        $"{bareClock.Elapsed.TotalMilliseconds / bareCount:F2} ms per document (wall), {bareCpuMs / bareCount:F2} ms CPU per document, average {bareBytes / bareCount:N0} bytes");
    return 0;
}

// First letter: everything a fresh process pays (font file read and parse, JIT, first widths), measured from Main.
var acknowledgement = LetterSamples.For(LetterKind.Acknowledgement);
var first = engine.Render(LetterKind.Acknowledgement, acknowledgement, LetterSamples.LetterDate);
var firstMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
var firstCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
Console.WriteLine($"first letter in process: {firstMs:F0} ms ({first.Length:N0} bytes), process start to Main excluded; {firstCpu:F0} ms CPU since the process started");
Console.WriteLine($"  of which the engine (font file read and parsed, widths warmed): {engineMs:F0} ms, then the letter itself: {firstMs - engineMs:F0} ms");

// Warm: one-page letters of the common kinds, round robin, single thread; composition + layout + PDF bytes.
LetterKind[] onePage = [LetterKind.Acknowledgement, LetterKind.FeeNotice, LetterKind.Deficiency, LetterKind.NonDisclosure, LetterKind.CoverLetter];
var requests = onePage.Select(k => (Kind: k, Request: LetterSamples.For(k))).ToArray();
for (var i = 0; i < 200; i++)
{
    var (kind, request) = requests[i % requests.Length];
    engine.Render(kind, request, LetterSamples.LetterDate);
}

var count = 0;
long bytes = 0;
var clock = Stopwatch.StartNew();
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
while (clock.Elapsed.TotalSeconds < seconds)
{
    var (kind, request) = requests[count % requests.Length];
    bytes += engine.Render(kind, request, LetterSamples.LetterDate).Length;
    count++;
}

clock.Stop();
if (count == 0)
{
    return 0; // --seconds 0: the first letter only
}

var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
var perLetter = clock.Elapsed.TotalMilliseconds / count;
Console.WriteLine($"warm: {count} letters in {clock.Elapsed.TotalSeconds:F1} s: {perLetter:F2} ms per letter (wall), {count / clock.Elapsed.TotalSeconds:F0} letters/s, " +
    $"{cpu / count:F2} ms CPU per letter, average {bytes / count:N0} bytes");
return 0;
