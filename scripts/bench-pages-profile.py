#!/usr/bin/env python3
# The member form row (docs/benchmarks/pages.md): where a form GET's CPU goes, from a perf profile of the app under load.
#   DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 (app started as scripts/bench-pages.sh starts it), warm it up, then
#   perf record -F 999 -g -p PID -- sleep 20   (while wrk -t2 -c32 runs on /requests/disclosure)
#   perf script | python3 scripts/bench-pages-profile.py
# Each sample goes to the category of its innermost frame that names one (leaf first); GC and JIT threads by their name.
import sys, re, collections
cats = [
 ("antiforgery (token + cookie, Data Protection)", ["Antiforgery", "DataProtection"]),
 ("request log (Serilog + file sink)", ["Serilog"]),
 ("DbContext for the page model (EF Core)", ["EntityFrameworkCore", "DbContext"]),
 ("localization (IViewLocalizer, ResourceManager)", ["Localiz", "ResourceManager", "ResourceReader"]),
 ("option tag helper", ["OptionTagHelper"]),
 ("form tag helper: URL generation", ["FormTagHelper", "UrlHelper", "LinkGenerator", "DefaultLinkGenerator"]),
 ("link/script tag helpers (file version)", ["ScriptTagHelper", "LinkTagHelper", "FileVersionProvider"]),
 ("tag helper machinery (create, context, output, attributes)", ["CreateTagHelper", "TagHelperExecutionContext", "TagHelperRunner", "TagHelperScopeManager", "TagHelperOutput", "TagHelperAttribute", "TagHelperContent", "TagHelperActivator", "TagHelper::"]),
 ("buffered page -> response (UTF-8 encode, copy)", ["ViewBuffer::WriteToAsync", "ViewBuffer+<WriteToAsync>", "HttpResponseStreamWriter", "PagedBufferedTextWriter", "StreamWriter"]),
 ("HTML encoding", ["HtmlEncoder", "TextEncoder", "OptimizedInboxTextEncoder"]),
 ("view code (the .cshtml's own statements)", ["Pages_"]),
 ("Razor write helpers, view buffer", ["RazorPageBase", "ViewBuffer", "RazorPage::"]),
 ("partial/view lookup, view activation", ["PartialTagHelper", "RazorViewEngine", "RazorPageActivator", "RazorPagePropertyActivator", "ViewLocationCache", "HtmlHelper", "RazorView::", "RazorView+", "ViewDataDictionary"]),
 ("dependency injection", ["DependencyInjection", "ResolveService"]),
 ("Razor Pages pipeline (model binding, filters, invoker)", ["Mvc.", "Mvc::"]),
 ("Kestrel HTTP + sockets", ["Kestrel", "Sockets", "tcp_", "sock_", "__libc_sendmsg", "__libc_recv", "epoll", "System.Net."]),
 ("middleware (routing, auth, rate limit, headers, culture, status pages)", ["AspNetCore"]),
]
counts = collections.Counter(); total = 0
def classify(comm, frames):
    if "GC" in comm or "BGC" in comm: return "GC threads (server GC)"
    if "Tiered Com" in comm: return "tiered JIT"
    for f in frames:
        for name, pats in cats:
            if any(p in f for p in pats): return name
    return "other (runtime stubs, thread pool, unresolved)"
stack = []; comm = ""
def flush():
    global total
    if stack or comm:
        total += 1; counts[classify(comm, stack)] += 1
for line in sys.stdin:
    if not line.strip():
        flush(); stack = []; comm = ""; continue
    if line[0] not in ' \t':
        comm = re.sub(r' +[0-9]+ +[0-9.]+:.*', '', line).strip(); stack = []; continue
    stack.append(line.strip())
flush()
print("samples", total)
for k, n in counts.most_common(): print(f"| {k} | {100*n/total:.1f} % |")
