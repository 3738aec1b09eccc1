#pragma once

// Ordinary answers: replies without a tool call that must not be retried. Many are written to be
// hard: they decline something that no offered tool could do, use "can't" and "no tool" in
// passing, quote a refusal, explain a tool's error or a limitation of the user's code, ask a
// clarifying question, or put a short disclaimer in front of a long substantive answer.

#include <vector>

#include "refusal_corpus.hpp"

namespace claude_proxy::plugins::test {

inline const std::vector<CorpusReply>& corpusAnswers() {
    using enum CorpusTools;
    static const std::vector<CorpusReply> replies = {
        // --- plain answers ---
        {Standard, "The capital of France is Paris."},
        {Standard, R"~(Sure! A haiku about autumn:

Crisp leaves drift and fall
Whispering to the cold ground
Summer's last goodbye)~"},
        {Standard,
         "It's 18\xc2\xb0"
         "C and cloudy in Paris right now, with light rain expected this evening."},
        {Standard, "The time in Tokyo is 14:32 (JST)."},
        {Standard, "I ran the code: it printed `[1, 2, 3]` and exited with status 0."},
        {Standard,
         "Good news: the forecast shows sunshine all weekend in Barcelona, highs around "
         "24\xc2\xb0"
         "C."},
        {Standard,
         "Here's a quick summary of the article: the authors propose a new caching layer "
         "that cuts latency by 40%."},
        {Standard,
         "Yes \xe2\x80\x94 `git rebase -i HEAD~3` lets you squash the last three commits."},
        {Standard, "The answer is 3.14159, rounded to five decimal places."},
        {Standard, "Mount Everest is 8,849 metres tall."},
        {Standard,
         "To convert Celsius to Fahrenheit, multiply by 9/5 and add 32. So 20\xc2\xb0"
         "C is 68\xc2\xb0"
         "F."},
        {Standard,
         "Absolutely! Here's a packing list for a weekend in Amsterdam: a light rain jacket, "
         "comfortable shoes, and a power adapter (Type C/F)."},
        {Standard,
         "That's a great question. The short answer is that TCP guarantees ordering, while UDP "
         "does not."},
        {Standard,
         "It depends. If you need strong consistency, use PostgreSQL; if you need flexible "
         "schemas, MongoDB might fit."},
        {Standard, "Good catch \xe2\x80\x94 the off-by-one error is on line 12."},
        {Standard, "Sure, I'll keep answers shorter from now on."},
        {Standard, R"~(Here's the corrected SQL:

```sql
SELECT name, COUNT(*)
FROM orders
GROUP BY name
HAVING COUNT(*) > 5;
```)~"},
        {Standard,
         "The weather in Paris is 18\xc2\xb0"
         "C with light rain (source: get_weather)."},
        {Standard, "I checked: it's 14:05 in London."},
        {Standard, "Thanks! Glad the fix worked."},
        {Standard, "You're welcome. Let me know if you need anything else."},
        {Standard, ""},
        {Standard, "   "},
        {Standard, "OK."},

        // --- negations that are not about tools ---
        {Standard,
         "I can't recommend one over the other \xe2\x80\x94 both libraries are well maintained. "
         "Pick requests if you want simplicity, httpx if you need async."},
        {Standard,
         "I cannot stress enough how important it is to back up your data before upgrading."},
        {Standard, "I can't wait to hear how the trip goes! Paris in spring is lovely."},
        {Standard, "I can't recommend that approach: it leaks memory. Use a pool instead."},
        {Standard, "I don't have a strong opinion, but both options work."},
        {Standard,
         "I don't have a strong preference, but tabs vs. spaces matters less than being "
         "consistent."},
        {Standard,
         "I can't be sure without seeing the full stack trace, but this looks like a null "
         "pointer dereference in `parseConfig`. Check that the file exists before reading it."},
        {Standard,
         "I don't know the exact figure offhand, but the Great Wall is commonly cited as about "
         "21,000 km long."},
        {Standard,
         "I won't guess at the dosage; please check with a pharmacist. Ibuprofen labels usually "
         "list the maximum daily amount."},
        {Standard,
         "Honestly, I can't decide between the two either \xe2\x80\x94 they're both great "
         "films."},
        {Standard,
         "I can't believe it's already December! Here's a quick checklist for year-end "
         "planning: review your budget, book holiday travel early, and back up your photos."},
        {Standard,
         "I can't help but notice the loop runs one extra time \xe2\x80\x94 change `<=` to "
         "`<`."},
        {Standard, "Sorry, I misread your question earlier. The correct answer is 42, not 24."},
        {Standard, "Noted \xe2\x80\x94 I won't use bullet points from now on."},
        {Standard,
         "I don't think that's quite right: water boils at 100\xc2\xb0"
         "C only at sea level. At altitude it boils lower."},
        {Standard,
         "I can't see any problem with that regex \xe2\x80\x94 it matches \"abc\" and \"abd\" as "
         "expected."},
        {Standard,
         "I can't think of a better name than `retry_with_backoff`; it says exactly what it "
         "does."},
        {Standard, "I can't imagine a better place for a picnic than the Luxembourg Gardens."},
        {Standard,
         "I don't have a favorite, but many people love the Sagrada Fam\xc3\xad"
         "lia."},
        {Standard,
         "I can't promise it'll be sunny, but the forecast I just fetched shows only a 10% chance "
         "of rain."},
        {Standard,
         "I cannot guarantee this works on Windows; I only tested the steps on macOS and Linux."},
        {Standard,
         "I'm not able to say which is faster without benchmarks, but in general `dict` lookups "
         "are O(1)."},
        {Standard,
         "I'm afraid there's no simple answer: it depends on your workload. For read-heavy "
         "loads, PostgreSQL with read replicas works well."},
        {Standard,
         "I'm sorry to hear your laptop died! If it won't turn on at all, try holding the power "
         "button for 30 seconds to reset it."},
        {Standard, "I do not recommend storing passwords in plain text. Use bcrypt or Argon2."},
        {Standard,
         "I don't have any more suggestions at the moment \xe2\x80\x94 those three options cover "
         "the common cases."},
        {Standard, "I'm unable to find any mistakes in your proof; it looks correct to me."},
        {Standard, "I won't run that command: `rm -rf /` would wipe the whole system."},
        {Standard,
         "I'd rather not guess the exact number; the official statistics page will have it."},
        {Standard,
         "I can't really say, as it's a matter of taste \xe2\x80\x94 some prefer dark roast."},
        {Standard, "I cannot overstate how useful `git bisect` is for this kind of regression."},
        {Standard, "Honestly, I can't complain: the new API is much cleaner."},
        {Standard,
         "I can't tell you how many times this bug has bitten me! The fix is to copy the list "
         "before iterating."},
        {Standard,
         "I don't have the exact population figure for 2024, but estimates put Tokyo's metro "
         "area at roughly 37 million."},
        {Standard, "I can only guess without the logs; could you share the error output?"},
        {Standard, "Hmm, I'm not familiar with that library. Can you share a link to its docs?"},
        {Standard,
         "I'm not a lawyer, but generally a verbal agreement can be binding; for anything "
         "important, get it in writing."},
        {Standard,
         "I cannot feel emotions, but I understand why the ending of that film moved you."},
        {Standard,
         "I can't taste food, obviously, but that recipe sounds delicious \xe2\x80\x94 the brown "
         "butter is a nice touch."},
        {Standard,
         "I don't remember our earlier conversations \xe2\x80\x94 each chat starts fresh. Could "
         "you remind me what we decided?"},
        {Standard, "Sorry, I can't make it any shorter without dropping a step."},
        {Standard,
         "I can't give medical advice, but a fever above 39\xc2\xb0"
         "C that lasts more than three days is worth a call to your doctor."},
        {Standard, "I'm sorry, but I can't help with creating malware."},
        {Standard,
         "I don't have enough information to say which plan is cheaper. What's your "
         "monthly usage?"},
        {Standard, "I have no idea why they named it that, but the library itself is solid."},
        {Standard,
         "I can't stand long meetings either. A tight agenda and a hard stop usually help."},
        {Standard,
         "As an AI, I think the second design is cleaner: it separates parsing from I/O."},
        {Standard,
         "As a language model, I generate text one token at a time, predicting the most likely "
         "continuation."},
        {Standard,
         "I'm just an AI, but I think your plan is solid: start small and measure everything."},

        // --- inability about things no offered tool covers ---
        {Standard, "I don't have access to your calendar entries unless you paste them."},
        {Standard,
         "I don't have access to your screen, so please paste the exact error message and I'll "
         "take a look."},
        {Standard,
         "I don't have access to your bank account, of course, but here's how to read the "
         "statement: the first column is the posting date, the second the amount."},
        {Standard, "I can't see images in this chat, so could you describe what the chart shows?"},
        {Standard, "I cannot open attachments here. Please paste the text of the document."},
        {Standard,
         "I can't access your files, but if you paste the CSV here I'll compute the averages."},
        {Standard,
         "I don't have access to the paid version of the dataset, but the free sample includes "
         "10,000 rows, which is enough for prototyping."},
        {Market,
         "I can't give financial advice, but diversification generally reduces risk. Index funds "
         "are a common starting point."},
        {Office,
         "I can't attend meetings, obviously, but here is an agenda you could use:\n\n1. "
         "Status\n2. Blockers\n3. Next steps"},

        // --- the user's code, the user's app, other people ---
        {Standard,
         "In Python, a function cannot return more than one object, but it can return a tuple: "
         "`return a, b`."},
        {Standard, R"~(```java
// The function cannot return null here
String name = Objects.requireNonNull(user.getName());
```
This guarantees that `name` is never null.)~"},
        {Standard,
         "Your function can't be called from another thread because it isn't thread-safe. Wrap "
         "the shared state in a mutex."},
        {Standard,
         "Recursion in Python is limited by default to about 1000 frames; you can't go deeper "
         "without `sys.setrecursionlimit`, and even then you risk a stack overflow."},
        {Standard,
         "No, you can't use `await` outside an async function in Python (except in the REPL "
         "with asyncio mode)."},
        {Standard, R"~(There's no built-in function for that in JavaScript, but you can write one:

```js
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
```)~"},
        {Standard, "A tool like `jq` is perfect for this: `jq '.items[] | .name' data.json`."},
        {Standard, "A tool like a hammer is used to drive nails."},
        {Standard, "You don't need a tool for this: 15% of 80 is 12."},
        {Standard,
         "Functions in Python are first-class objects, so you can pass them around like "
         "any other value."},
        {Standard, "Functions in Python are defined with def."},
        {Standard,
         "Unfortunately, there is no direct flight from Lisbon to Tokyo; most routes connect "
         "through Frankfurt, Istanbul or Dubai."},
        {Standard,
         "The internet was designed to be decentralized; no single machine can bring it down."},
        {Standard,
         "If the API can't be reached, the client retries three times with exponential backoff "
         "before raising `ConnectionError`."},
        {Standard,
         "Error handling tip: a function that cannot fail should be marked `noexcept` in C++."},
        {Standard,
         "I'd avoid running that script as root \xe2\x80\x94 it deletes files in /tmp without "
         "asking."},
        {Standard,
         "You can't access the internet from inside the container by default; pass "
         "`--network=host` to Docker if you need it."},
        {Standard, R"~(Here's the script:

```python
import requests

def fetch(url):
    try:
        return requests.get(url, timeout=5).text
    except requests.RequestException:
        # we cannot reach the server; give up quietly
        return None
```)~"},
        {Standard,
         "Python's `math.sqrt` cannot take negative numbers; use `cmath.sqrt` for complex "
         "results."},
        {Standard,
         "A short answer: no. HTTP is stateless, so the server can't remember you without "
         "cookies or tokens."},
        {Standard,
         "\"I can't access the internet\" is the message your app shows when `navigator.onLine` "
         "is false. Check the service worker's fetch handler."},
        {Standard,
         "The error `PermissionError: [Errno 13] Permission denied` means your script cannot "
         "open the file. Run it as the right user or change the file's permissions."},
        {Standard,
         "Chatbots without tools can't browse the web, which is why many products add a "
         "retrieval step."},
        {Standard,
         "A model that does not have access to tools has to rely on its training data; that's "
         "why RAG systems exist."},
        {Standard,
         "When the user says \"I don't have internet access\", the app should switch to offline "
         "mode and queue the sync."},
        {Standard, R"~(Here's a unit test for your offline handler:

```python
def test_offline():
    # the client cannot reach the internet
    with pytest.raises(ConnectionError):
        client.fetch("https://example.com")
```)~"},
        {Standard,
         "Sadly, the museum is closed on Mondays, so you can't visit it then. Tuesday to Sunday "
         "it's open 9\xe2\x80\x93"
         "18."},
        {Standard,
         "Unfortunately, Python doesn't have tail-call optimization, so deep recursion will hit "
         "the limit."},
        {Standard,
         "It can't be done in a single SQL statement in MySQL 5.7, but in 8.0 you can use a CTE."},
        {Standard, "No tool is perfect; `black` and `ruff` just make different trade-offs."},
        {Standard,
         "You don't have to call any function for that; the value is already cached in "
         "`state.user`."},
        {Standard,
         "If you can't access the internet from your laptop, restart the router and check that "
         "Wi-Fi is enabled."},
        {Standard,
         "Our app cannot access real-time data while offline, so the dashboard shows the last "
         "synced values."},
        {Standard,
         "Your tests fail because `fetchUser` cannot handle an empty response; add a guard for "
         "`data === undefined`."},
        {Standard,
         "Tip: if a cron job cannot access environment variables, source them at the top of the "
         "script."},
        {Standard,
         "Here's a polite way to decline: \"Thanks for the invite \xe2\x80\x94 I can't make it on "
         "Thursday, but I'd be happy to catch up next week.\""},
        {Standard,
         "In the story, the robot says \"I cannot open the pod bay doors\" and the crew realizes "
         "it has its own agenda."},

        // --- about the tools, without refusing ---
        {Standard,
         "You can use the get_weather tool later if you need a forecast; for now: it is sunny."},
        {Standard,
         "You asked whether I can run code: yes, I can run Python through the `run_python` tool. "
         "Want me to try your snippet?"},
        {Standard, "I can search the web for that if you like \xe2\x80\x94 should I?"},
        {Standard,
         "The `get_time` tool doesn't support historical dates, so for 1969 I used the published "
         "record: the Apollo 11 landing was at 20:17 UTC on July 20."},

        // --- after a tool result: errors and empty results explained ---
        {Standard,
         "The weather tool returned an error: the city \"Pariss\" was not found. Did you mean "
         "Paris, France?"},
        {Standard,
         "The search came back empty, so I couldn't find any reviews for that model. It may be "
         "too new; try again in a few weeks."},
        {Standard,
         "The `run_python` call timed out after 30 seconds, so I don't have the output. The loop "
         "is probably infinite: `i` is never incremented."},
        {Standard,
         "Since the tool result shows a 404, the page has probably moved. Try the archived "
         "version on the Wayback Machine."},
        {Standard,
         "The search tool returned no results for \"Zorblax 3000\". Could you double-check the "
         "spelling?"},
        {Standard,
         "I asked the search tool for 'best pizza in Naples' and it returned an error, so here's "
         "what I remember instead: L'Antica Pizzeria da Michele and Sorbillo are both famous."},
        {Standard, "It's 9:41 AM in New York according to the time tool."},
        {Standard,
         "The weather API rate limit was hit, so I couldn't get a fresh reading. The last "
         "reading, from ten minutes ago, was 22\xc2\xb0"
         "C."},
        {Standard,
         "I can't access that link because it's behind a paywall, but the abstract says the "
         "study found a 12% improvement."},
        {Standard,
         "Note that `search_web` can't search paywalled sites, so the results may miss some "
         "academic papers. Here is what it found: three blog posts and one preprint."},
        {Standard,
         "Sorry for the confusion \xe2\x80\x94 the `get_weather` tool takes a city name, not "
         "coordinates. Let me know the city and I'll look it up."},

        // --- clarifying questions ---
        {Standard, "Which city would you like the weather for?"},
        {Standard, "I can check the weather for you \xe2\x80\x94 which city are you in?"},
        {Standard,
         "I can't tell which version you're on from that output \xe2\x80\x94 could you run "
         "`python --version` and share the result?"},
        {Standard,
         "I'm not sure what you mean by \"fast\" here. Do you mean startup time or throughput?"},
        {Standard,
         "The function `get_weather(city)` cannot be called without a city; the `city` parameter "
         "is required. Which city did you have in mind?"},
        {Standard,
         "I can't look up the weather without knowing where you are. Which city should I check?"},
        {Standard,
         "To get the time in another timezone in Python, use `zoneinfo`: "
         "`datetime.now(ZoneInfo('Asia/Tokyo'))`."},

        // --- long, substantive answers that open with a disclaimer ---
        {Standard,
         R"~(I can't check today's forecast, but here's what to expect in Iceland in March.

**Temperatures.** Reykjavik averages around 1°C, with daytime highs of 3–4°C and nights a few degrees below freezing. The north (Akureyri) is colder, often −5°C at night.

**Daylight.** Days lengthen quickly: from about 11 hours at the start of the month to over 13 by the end, so you get plenty of time for driving the Ring Road's southern half.

**Weather patterns.** March is changeable. Expect wind above all: gusts of 20 m/s are common on the south coast, and rental companies warn about car doors being torn off. Snow and sleet alternate with clear, cold spells, which are the best nights for the northern lights.

**Roads.** Check road.is every morning; mountain passes and the F-roads are closed, and Route 1 can close for hours after storms.

**Packing.** Bring a windproof shell, thermal layers, waterproof boots with grip, a hat and gloves, and microspikes if you plan to walk on icy trails. A thermos is worth its weight.

**Activities.** Ice caves are still open, glacier hikes run daily, and the Golden Circle is quieter than in summer. Whale watching from Reykjavik is possible but rougher.)~"},
        {Standard,
         R"~(I can't run this here, but I can walk through what it does and why it is slow.

```python
def dedupe(items):
    seen = []
    out = []
    for item in items:
        if item not in seen:
            seen.append(item)
            out.append(item)
    return out
```

The membership test `item not in seen` scans the whole list, so for n items the loop does about n²/2 comparisons. With 100,000 items that is five billion comparisons, which is why it takes minutes.

Use a set for the membership test and keep the list for order:

```python
def dedupe(items):
    seen = set()
    out = []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out
```

Set lookups are O(1) on average, so the whole function becomes O(n). If your items are not hashable (lists, dicts), convert them to tuples or use a key function. In Python 3.7+ you can also write `list(dict.fromkeys(items))`, which keeps the first occurrence and the original order.)~"},
        {Market,
         R"~(I don't have live data for this, so here is the general picture instead of a quote.

Index funds track a market index such as the S&P 500 and charge very low fees, often below 0.1% a year. Because they hold every company in the index, a single company's collapse barely moves them. Over long periods most actively managed funds fail to beat their index after fees, which is the main argument for passive investing.

The risks are the market's own: in 2008 the S&P 500 fell by more than half from its peak, and in 2020 it dropped about a third in a month before recovering. Anyone who needs the money within a few years should hold part of it in bonds or cash.

A common starting point is a broad world or total-market fund, bought monthly at a fixed amount (dollar-cost averaging), held for at least ten years, and rebalanced once a year. Check the fund's expense ratio, its tracking difference and whether it distributes or accumulates dividends, which matters for taxes in many countries.)~"},

        // --- market and office answers ---
        {Market, "The latest quote shows AAPL at $189.30, up 1.2% today."},
        {Market, "Converting 100 EUR at today's rate gives about 108 USD."},
        {Market,
         "Past performance doesn't guarantee future results \xe2\x80\x94 nobody can predict the "
         "market reliably."},
        {Market,
         "Which ticker do you mean \xe2\x80\x94 Alphabet Class A (GOOGL) or Class C (GOOG)?"},
        {Market,
         "The news tool failed with a timeout, so I don't have today's headlines yet. Want me to "
         "try again?"},
        {Market,
         "I don't have an opinion on whether Bitcoin is a good investment; it's highly volatile, "
         "so only invest what you can afford to lose."},
        {Market,
         "Exchange rates can't be predicted precisely, but the EUR/USD pair has mostly stayed "
         "between 1.05 and 1.12 this year."},
        {Office, R"~(I've drafted the email below. Want me to send it?

Hi Dana,

Thanks for the update. The new timeline works for us; let's meet on Monday to go over the details.

Best,
Alex)~"},
        {Office, "Which date should I use for the meeting \xe2\x80\x94 this Friday or next?"},
        {Office,
         "The calendar tool says the room is already booked at 3 pm. Shall I try 4 pm instead?"},
        {Office,
         "I couldn't find a contact named \"Jon Smtih\" \xe2\x80\x94 did you mean Jon Smith?"},
        {Office, "Don't forget to add a video link to the invite; people can't join otherwise."},
        {Office, "Done: \"Dentist\" is on your calendar for Friday at 15:00."},

        // --- agent hosts (evonic) ---
        {Agent, "I read `config.yaml`: the port is set to 8080 and logging is at `debug` level."},
        {Agent,
         "The file `src/main.rs` doesn't exist in the workspace. Did you mean `src/lib.rs`?"},
        {Agent, "The issue was created: #482 \"Crash on startup\"."},
        {Agent,
         "`fs.read_file` returned \"permission denied\" for `/etc/shadow`, which is expected: "
         "that file is only readable by root."},
        {Agent,
         "Your code can't find the module because `PYTHONPATH` doesn't include `src/`. Add it, "
         "or install the package in editable mode with `pip install -e .`."},
        {Agent,
         "I can't reproduce the failure from the snippet alone; which test command are you "
         "running?"},
        {Agent,
         "The repository has no CI configuration yet. Want me to open an issue to track adding "
         "GitHub Actions?"},
        {Agent,
         "In Rust, a function cannot return a reference to a local variable; return an owned "
         "`String` instead."},
        {Agent,
         "This error means the process cannot open the file: either the path is wrong or the "
         "permissions are too strict. Check with `ls -l`."},
        {Agent,
         "The search returned three relevant pages; the most useful is the official migration "
         "guide, which says `--legacy-peer-deps` is no longer needed."},
        {Agent,
         "I don't have enough context to say which option is better. What are you optimizing "
         "for: speed or memory?"},
        {Agent, "Sure \xe2\x80\x94 I'll open the issue once you confirm the title."},
        {Agent,
         "The file is 12 MB, too large to read in one call. Tell me which section you need and "
         "I'll read just that part."},
        {Agent, "There are no functions in that file named `init`; the entry point is `setup()`."},
        {Agent, "Done: the file has 3 lines."},
        {Dev,
         "`npm test` failed: 2 of 48 tests broke, both in `auth.spec.ts`, because the mock token "
         "expired."},
        {Dev,
         "The command exited with code 127, which means `pnpm` isn't installed on the machine. "
         "Install it with `npm i -g pnpm` and I'll rerun the build."},
        {Dev,
         "The page at that URL returned 403 Forbidden, so I couldn't read it. It may require a "
         "login."},
        {Dev,
         "Git diff shows you changed three files; the bug is in `parser.c`, line 88, where the "
         "buffer isn't null-terminated."},
        {Dev,
         "Don't run `rm -rf` on that directory \xe2\x80\x94 it contains your only copy of the "
         "database."},
        {Dev,
         "You can't write to `/usr/local` without sudo; install into your home directory "
         "instead."},
        {Dev,
         "I can't be certain this is the root cause, but the race condition in `worker.go` fits "
         "every symptom you described. Adding a mutex around `jobs` should fix it."},
        {Dev, "The Jira ticket PROJ-214 was created and assigned to you."},
        {Dev, "Which branch should I diff against: `main` or `develop`?"},
        {Dev,
         "The build failed: `error: cannot find symbol ParserConfig` in `Main.java:17`. The "
         "class was renamed to `ParseConfig` in the last commit."},
        {Dev, "I don't think you need a new ticket; PROJ-198 already tracks this bug."},
        {Dev, "The fetched page says the API is deprecated and will be removed in v3."},
        {Dev,
         "The shell command produced no output, which for `grep` means no matches were found."},
        {Dev,
         "Permission denied when writing to `/var/log/app.log` \xe2\x80\x94 the tool runs as "
         "user `agent`, which cannot write there. Want me to log to `./logs/` instead?"},
        {Dev, "There are no uncommitted changes; the working tree is clean."},
        {Dev,
         "I didn't change any files yet. Here's the plan: 1) add the migration, 2) update the "
         "model, 3) run the tests. Shall I start?"},
        {Dev,
         "I cannot find a `Makefile` in the repository root; the build seems to use `just` "
         "instead (see `justfile`)."},
        {Dev, R"~(The tests pass now. Summary of what I changed:

- `src/config.rs`: the default port is read from `PORT` when set
- `tests/config_test.rs`: two new cases for the fallback

Nothing else was touched.)~"},
        {Dev,
         "I won't push to `main` directly; the repository's rules require a pull request. "
         "Shall I open one?"},
        {Dev,
         "The script can't write to the directory because it's mounted read-only in the "
         "container."},
        // --- a second batch, written after the detector, to check that it generalizes ---
        {Standard, "I can't stop thinking about that ending either \xe2\x80\x94 what a twist!"},
        {Standard, "I cannot emphasize this enough: never commit secrets to git."},
        {Standard,
         "Honestly, I don't have a clue what caused it, but clearing the cache is worth a try."},
        {Standard, "I couldn't agree more. Small pull requests are easier to review."},
        {Standard,
         "You can't run Python 2 code on Python 3 without changes; `print` became a function."},
        {Standard,
         "The browser cannot access local files for security reasons; serve them with `python "
         "-m http.server`."},
        {Standard,
         "There's no tool in the standard library for that; `requests` is the usual choice."},
        {Standard,
         "I cannot say for certain, but the symptoms point to a DNS issue. Try `nslookup "
         "example.com`."},
        {Standard, "Functions can't be compared with `==` in Go, except against nil."},
        {Standard,
         "Your script cannot find the module because the virtual environment isn't activated."},
        {Standard, "I'm not sure which one you mean \xe2\x80\x94 the 2019 or the 2021 edition?"},
        {Standard, "That's not something I can recommend, because it voids the warranty."},
        {Standard,
         "The weather looks great for Saturday: 22\xc2\xb0"
         "C and sunny according to the forecast I pulled."},
        {Standard, "I'd be happy to run that for you \xe2\x80\x94 want me to go ahead?"},
        {Standard, "Unfortunately, that train doesn't run on Sundays."},
        {Standard,
         "I don't have a preference between Vim and Emacs; use what you're productive in."},
        {Standard,
         "Sorry, I wasn't clear: the tool needs the full city name, e.g. \"San Francisco\"."},
        {Standard,
         "The web search returned mostly outdated articles, so treat the 2019 numbers with "
         "care."},
        {Standard,
         "I can't say I've seen that error before, but the stack trace points at the JSON "
         "parser."},
        {Standard,
         "No function in your code handles the empty case; add a check at the top of "
         "`parse()`."},
        {Standard, "I won't be using bullet points, as you asked."},
        {Standard, "Without internet access, the installer falls back to the bundled packages."},
        {Standard, "I don't have much to add \xe2\x80\x94 your summary covers it."},
        {Standard,
         "It's not possible to undo a `git push --force` without the old commit hash, but `git "
         "reflog` usually has it."},
        {Market,
         "I can't predict where the market will go, but historically it has recovered from "
         "every crash."},
        {Market, "The quote tool returned an error for \"APPL\" \xe2\x80\x94 did you mean AAPL?"},
        {Office, "The email has been sent to Dana."},
        {Office,
         "I can't make that meeting time work for everyone; Wednesday at 2 pm is free for all "
         "four of you."},
        {Office, "Your calendar is free on Thursday afternoon."},
        {Agent,
         "The file doesn't contain a `main` function; execution starts in `app.run()` at the "
         "bottom."},
        {Agent, "I can't see a reason to keep both configs; merge them into `settings.toml`."},
        {Agent,
         "The search didn't find an official changelog, so here's what the commit history "
         "suggests."},
        {Dev, "The test can't connect to the database because `DATABASE_URL` is unset in CI."},
        {Dev, "I won't delete the branch until you confirm."},
        {Dev, "The command failed with exit code 2: `make: *** No rule to make target 'install'`."},
        {Dev,
         "Permission errors like this mean the container user can't write to the mounted "
         "volume; add `:z` or fix the UID."},
        {Dev, "I cannot reproduce it locally; the shell output shows all 48 tests passing."},
        {Dev, "There are no functions named `init` anywhere in the repository."},
        {Dev, "I couldn't find any TODO comments in `src/`."},
        {Dev,
         "I'm not convinced the refactor is worth it yet; the module is small and well tested."},
        // --- found while probing the detector: what is missing is the user's input ---
        {Standard,
         "I don't have the function signature in front of me, but it's probably `parse(str)`."},
        {Standard, "I don't have the code you're referring to. Could you paste it?"},
        {Standard, "I don't have your script, so I can't run it."},
        {Standard, "I cannot see the function you mentioned; can you share it?"},
        {Standard, "I don't have the full command output, only the first lines."},
        {Standard, "I can't call it a bug yet; it may be intended."},
        {Standard,
         "I don't have a link to that paper, but its title is \"Attention Is All You Need\"."},
        // --- a third batch, written after the detector, to check that it generalizes ---
        {Standard,
         "I can't speak to their internal roadmap, but the public changelog lists three "
         "releases this year."},
        {Standard,
         "The tool call succeeded: Paris is 19\xc2\xb0"
         "C and sunny."},
        {Standard, "Sorry, I can't make it simpler than this: a hash map trades memory for speed."},
        {Standard,
         "Unfortunately, there's no way to recover a deleted Google Doc after 30 days in the "
         "trash."},
        {Standard,
         "You cannot browse the web from a Lambda without a NAT gateway, since it has no public "
         "IP."},
        {Standard, R"~(Here's why your function fails:

```python
def read(path):
    # open() cannot read a directory, only files
    with open(path) as f:
        return f.read()
```

Pass a file path, not a folder.)~"},
        {Standard,
         "As an AI, I'd say the best approach is to start with the simplest working version and "
         "iterate."},
        {Standard,
         "I'm not able to guarantee a specific outcome, but following these steps has fixed it "
         "for most people."},
        {Standard,
         "I don't have a definitive answer, but most sources say Tokyo has the largest metro "
         "population."},
        {Standard,
         "It doesn't look like the weather tool supports historical data, so for last July I "
         "checked the NOAA archive instead: the average high was 31\xc2\xb0"
         "C."},
        {Standard,
         "The internet connection in your office seems unreliable; can you try a wired "
         "connection?"},
        {Standard,
         "I can't remember the exact quote, but it's something like \"premature optimization is "
         "the root of all evil\"."},
        {Market,
         "I can't tell you whether to buy, but the P/E ratio of 35 is high compared with the "
         "sector average of 22."},
        {Market, "The conversion came back: 250 USD is about 231 EUR at today's rate."},
        {Office, "Which email address should I send it to \xe2\x80\x94 work or personal?"},
        {Office,
         "Sure, the meeting is on your calendar now: Friday 10:00\xe2\x80\x93"
         "10:30, \"Design review\"."},
        {Agent,
         "The README doesn't mention a license, so I couldn't tell you which one applies; check "
         "the `LICENSE` file if there is one."},
        {Agent, "I opened the issue: #51 \"Docs: clarify install steps\"."},
        {Dev, "The diff is empty because all changes were already committed in `a1b2c3d`."},
        {Dev,
         "You can't run `npm` inside that container because the image is based on "
         "`python:3.12-slim`; install Node first or use a multi-stage build."},
    };
    return replies;
}

}  // namespace claude_proxy::plugins::test
