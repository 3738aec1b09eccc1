#pragma once

// False refusals: the model was offered tools that could do what was asked, wrote no call, and
// claimed it cannot (no tools, no internet, no live data, cannot run code, cannot reach files or
// services), in the many ways models phrase that. Written for this corpus; the wordings imitate
// what chat models say, from a bare sentence to an apologetic answer with a list of alternatives.

#include <vector>

#include "refusal_corpus.hpp"

namespace claude_proxy::plugins::test {

inline const std::vector<CorpusReply>& corpusRefusals() {
    using enum CorpusTools;
    static const std::vector<CorpusReply> replies = {
        // --- get_weather, search_web, get_time, run_python ---
        {Standard,
         "I'm sorry, but I don't have access to real-time weather data. You might want to check "
         "a weather service like Weather.com or your phone's weather app."},
        {Standard,
         "Unfortunately, I can't check the current weather for you. I'd recommend looking at a "
         "local forecast."},
        {Standard,
         "I don't have the ability to browse the internet, so I can't look up today's news."},
        {Standard,
         "I'm afraid I can't access live information like the current time in Tokyo. Tokyo is "
         "UTC+9, though, so you can work it out from your clock."},
        {Standard,
         "As an AI language model, I don't have real-time capabilities. Please check a reliable "
         "weather website for the latest forecast."},
        {Standard, "I can't run code, but if you execute that script it should print 55."},
        {Standard,
         "I'm not able to execute Python code directly. However, I can walk you through what the "
         "code would do."},
        {Standard, "Sorry \xe2\x80\x94 I don't have a way to search the web from here."},
        {Standard, "I have no way to check the weather in Berlin right now."},
        {Standard, "That's not something I can do: I don't have internet access."},
        {Standard, "I don't have tools for checking the weather."},
        {Standard, "There's no tool available to me for looking up the time."},
        {Standard, "I do not have browsing capabilities, so I cannot verify the latest figures."},
        {Standard, "I cannot access the internet or any external tools in this conversation."},
        {Standard, "**Note:** I can't browse the web, so my information may be out of date."},
        {Standard,
         "I don't see a tool I could use to look up live weather, so here is a general idea: "
         "Lisbon in October is usually around 20\xc2\xb0"
         "C."},
        {Standard,
         "I'm unable to perform web searches. You could try searching for \"best hiking trails "
         "near Denver\" yourself."},
        {Standard,
         "I apologize, but I'm not able to retrieve real-time data such as current weather "
         "conditions."},
        {Standard, "As a text-based AI, I can't fetch live data from the internet."},
        {Standard, "My current environment doesn't allow me to run code or access the web."},
        {Standard,
         "I can't directly look up the weather, but you can ask a voice assistant or check a "
         "weather app."},
        {Standard, "I'm sorry, I don't have the capability to execute code."},
        {Standard, "I cannot perform a web search for you at the moment."},
        {Standard,
         "I don't have access to a Python interpreter here, but the result of `sum(range(10))` "
         "is 45."},
        {Standard,
         "Unfortunately I'm not connected to the internet, so I can't tell you today's weather "
         "in Madrid."},
        {Standard,
         "I can't call the get_weather function from here. You could check the forecast on a "
         "weather site."},
        {Standard, "I'm not able to use the search_web tool in this conversation."},
        {Standard, "Real-time information like the current time isn't something I have access to."},
        {Standard, "Checking live weather is beyond my capabilities, sorry!"},
        {Standard,
         "I don't have live data access. For the current time in Sydney, check time.is or your "
         "device clock."},
        {Standard, "I lack the ability to browse websites or run searches."},
        {Standard, "I can't look that up for you, as I don't have internet access."},
        {Standard,
         "I'm not capable of running Python scripts. Try running it locally with `python "
         "script.py`."},
        {Standard,
         "Sorry, I can't search online. My knowledge only goes up to my training cutoff."},
        {Standard, "I'm afraid I have no access to the web or to live weather feeds."},
        {Standard, "I can't provide real-time weather updates. Please use a weather service."},
        {Standard,
         "It isn't possible for me to run that code, but I can explain it line by line if you "
         "like."},
        {Standard, "I'm just a language model, so I can't check the actual time for you."},
        {Standard, "I don't have the means to access current weather information."},
        {Standard, "I'm not permitted to browse the internet."},
        {Standard, R"~(I'm sorry, but I can't check the live weather for you.

Here are some good options instead:

- **Weather.com** – detailed hourly forecasts
- **AccuWeather** – minute-by-minute precipitation
- Your phone's built-in weather app

If you tell me what you're planning, I can suggest what to pack for typical conditions.)~"},
        {Standard,
         "Unfortunately, as an AI I don't have the ability to access the internet, so I can't "
         "search for that. Is there anything else I can help you with?"},
        {Standard,
         "I cannot execute code or access a sandbox. Here's what the function would return: "
         "`[1, 4, 9]`."},
        {Standard,
         "I can't get the current time for you \xe2\x80\x94 I don't have a clock or any "
         "real-time data."},
        {Standard, "I'm unable to browse the web or call external functions."},
        {Standard,
         "I do not have real-time data, so I cannot tell you the current temperature in Oslo."},
        {Standard,
         "Hmm, I don't think I can do that. I have no tools for looking things up online."},
        {Standard, "Apologies, but I'm not equipped to run code in this chat."},
        {Standard,
         "I won't be able to search the web for this, but from what I know, the Eiffel Tower is "
         "about 330 metres tall."},
        {Standard, "I'd love to help, but I can't access live weather data."},
        {Standard, "I'm sorry, but I don't currently have the ability to search the internet."},
        {Standard, "I'm not able to access up-to-date information."},
        {Standard, "I cannot look up current events."},
        {Standard,
         "I can't tell you what time it is right now, because I don't have access to a clock."},
        {Standard, "I don't have internet browsing enabled in this conversation."},
        {Standard, "Web browsing is not available to me."},
        {Standard, "I'm not set up to run code in this chat, unfortunately."},
        {Standard,
         "I'm unable to check real-time conditions, but typically July in Rome is hot, around "
         "30\xc2\xb0"
         "C."},
        {Standard, "I cannot verify that online."},
        {Standard, "Sorry! I'm not able to do live lookups."},
        {Standard, "I don't have any functions available for that."},
        {Standard, "I have no tools at my disposal to check the weather."},
        {Standard, "I'm a text-based model without internet access."},
        {Standard, "I do not possess the ability to execute programs."},
        {Standard, "I can't reach the internet from here."},
        {Standard, "I can't run searches. Try a search engine."},
        {Standard, "I'm not connected to any external tools."},
        {Standard, "Function calling isn't supported in this chat, so I can't check that."},
        {Standard, "I'm unable to call tools in this session."},
        {Standard, "I don't think I'm able to look that up, since I don't have web access."},
        {Standard, "Being an AI, I can't check current weather conditions."},
        {Standard,
         "I'm sorry, I can't do that \xe2\x80\x94 I don't have the ability to run Python code."},
        {Standard, "No can do, I'm afraid: I have no access to live data."},
        {Standard,
         "I can't provide the current weather. My training data doesn't include real-time "
         "information."},
        {Standard, "Unfortunately, I have no internet connectivity."},
        {Standard, R"~(### Sorry!

I'm not able to browse the web, so I can't find the latest reviews for that laptop. You might try:

1. RTINGS
2. Notebookcheck
3. The Verge)~"},
        {Standard,
         "I appreciate the question! However, I don't have access to real-time data, including "
         "the current weather in Chicago. A quick look at a weather app will give you the most "
         "accurate forecast."},
        {Standard,
         "Good question. Unfortunately, I'm not able to execute code, so I can't confirm the "
         "exact output. Based on reading it, though, it looks like it would print `Hello, "
         "World!` twice."},
        {Standard,
         "I'm sorry for the inconvenience, but I cannot access the internet to check flight "
         "statuses or weather."},
        {Standard,
         "I don't have the ability to check the time, but you can find it in the corner of your "
         "screen."},
        {Standard,
         "Hey! I can't look up the weather, but I hope it's sunny where you are. "
         "\xe2\x98\x80\xef\xb8\x8f"},
        {Standard,
         "I can\xe2\x80\x99t access live data, but historically, March in Kyoto is cool (around "
         "10\xc2\xb0"
         "C) with cherry blossoms starting late in the month."},
        {Standard, "Regrettably, I can\xe2\x80\x99t perform internet searches."},
        {Standard, "I\xe2\x80\x99m not able to use tools right now."},
        {Standard, "I do not have the functionality to search the web."},
        {Standard,
         "I'm unable to run the `run_python` tool, so I'll estimate: the loop runs 1,000 times."},
        {Standard,
         "I can't execute that for you. You'll need to run it in your own Python environment."},
        {Standard, "It's not possible for me to access current weather data."},
        {Standard, "Accessing the internet is not within my capabilities."},
        {Standard,
         "I'm limited to the information in my training data and can't look up anything new."},
        {Standard, "I'm not in a position to check live prices, sorry."},
        {Standard,
         "I wish I could help with that, but I don't have the ability to browse websites."},
        {Standard, "I have no capability to run code or search online."},
        {Standard,
         "I can't use the get_time tool, but it's probably around midday in London if it's "
         "morning in New York."},
        {Standard, "I'm not able to help with real-time lookups like that."},
        {Standard, "Sorry, that's not something I can do."},
        {Standard, "I'm sorry, but I can't do that."},
        {Standard, "I CAN'T BROWSE THE INTERNET, SORRY."},
        {Standard, "i cant check the weather, i dont have internet"},
        {Standard, "I can not run Python here."},
        {Standard,
         "Unfortunately I do not have access to a code interpreter or the web, so I can only "
         "reason about this in my head."},
        {Standard, "Searching the web isn't something I'm able to do in this chat."},
        {Standard, "I'm afraid the tools you mention aren't available to me."},
        {Standard,
         "As an AI developed to chat, I'm not able to run live searches or see today's weather. "
         "Please consult a dedicated weather service for accurate information."},
        {Standard, "I have no means to execute your script, but it looks syntactically correct."},
        {Standard,
         "Note: I can't verify this against live sources, since I cannot browse. Based on my "
         "training, the population of Canada is about 40 million."},
        {Standard, "Sorry, I'm unable to get the time \xe2\x80\x94 I don't have a clock."},

        // --- get_stock_quote, convert_currency, get_news ---
        {Market,
         "I don't have access to real-time stock prices. Please check a financial site like "
         "Yahoo Finance for the latest AAPL quote."},
        {Market, "I'm sorry, I can't provide current exchange rates since I don't have live data."},
        {Market,
         "Unfortunately I can't pull the latest news headlines \xe2\x80\x94 I don't have "
         "internet access."},
        {Market, "I'm not able to look up stock quotes."},
        {Market,
         "As an AI, I can't access today's exchange rates. As of my last update, 1 EUR was "
         "roughly 1.08 USD, but this changes daily."},
        {Market, "I have no access to live market data."},
        {Market, "I can't fetch news articles, but I can summarize one if you paste it here."},
        {Market,
         "Sorry, checking the price of Tesla stock right now isn't something I'm able to do."},
        {Market, "I don't have a tool for currency conversion, but you can use Google or XE.com."},
        {Market,
         "My knowledge has a cutoff date and I cannot retrieve current stock market information."},
        {Market,
         "I can't give you the latest quote for MSFT, since I'm not connected to any market data "
         "feed."},
        {Market, "I do not have the ability to get real-time news updates."},
        {Market,
         "I'm afraid I can't convert currencies using today's rates. Rates fluctuate, so please "
         "check your bank."},
        {Market, "Live stock prices are outside my capabilities. A brokerage app will have them."},
        {Market, "There isn't a function I can call to get stock prices here."},
        {Market,
         "I'm unable to access financial data feeds, so I can't tell you the current price of "
         "Bitcoin."},
        {Market, "I don't have real-time access to exchange rates."},
        {Market, "Unfortunately, I'm unable to retrieve the latest headlines."},
        {Market,
         "I can't pull live quotes for you, but NVDA closed around $120 at my last data point."},
        {Market, R"~(I'm sorry, I can't look up live stock prices. For the latest quote you can use:

* Google Finance
* Yahoo Finance
* your broker's app)~"},

        // --- send_email, create_calendar_event, list_calendar_events, lookup_contact ---
        {Office,
         R"~(I'm sorry, but I can't send emails on your behalf. You can copy the draft below into your email client.

Subject: Meeting follow-up

Hi Sam, thanks for the meeting today. Let me know when you have the numbers.)~"},
        {Office,
         "I don't have access to your calendar, so I can't create that event. You could add it "
         "manually in Google Calendar."},
        {Office,
         "Unfortunately, I'm not able to schedule meetings. I can help you write an invitation, "
         "though."},
        {Office, "I can't look up contact details for you."},
        {Office, "As an AI assistant, I don't have the ability to access your email or calendar."},
        {Office,
         "I'm unable to create calendar events directly. Here's the information you'd need: "
         "Team sync, Tuesday 10:00\xe2\x80\x93"
         "10:30."},
        {Office,
         "I can't check what's on your calendar tomorrow \xe2\x80\x94 I don't have access to it."},
        {Office,
         "Sending emails isn't something I can do from here, but here's a draft you can send "
         "yourself."},
        {Office, "I have no way of reaching your contacts list."},
        {Office, "Sorry, I don't have permission to send messages."},
        {Office, "I do not have tools to manage your calendar."},
        {Office, "I can't access your email account. Please send it yourself."},
        {Office,
         "I'm not able to use the send_email function in this chat, so please send the message "
         "manually."},
        {Office, "I don't have the ability to look up phone numbers."},
        {Office,
         "I can't add events to your calendar myself, but here's an .ics snippet you could "
         "import."},
        {Office, "Sorry, sending email is not something I'm able to do."},
        {Office, "I don't have access to your contacts, unfortunately."},
        {Office,
         "I'm just an AI, so I can't put things on your calendar. Try adding \"Dentist, Friday "
         "3pm\" in your calendar app."},

        // --- fs.read_file, web.search, mcp__github__create_issue (evonic) ---
        {Agent,
         "I can't read files from your workspace. Could you paste the contents of `config.yaml` "
         "here?"},
        {Agent, "I don't have access to your file system, so I can't open `src/main.rs`."},
        {Agent, R"~(I'm unable to create GitHub issues directly. Here is the text you could use:

**Title:** Crash on startup
**Body:** Steps to reproduce: run `app --init` on a fresh checkout.)~"},
        {Agent, "I cannot search the web from this environment."},
        {Agent, "As an AI, I have no access to your repository. Please share the relevant code."},
        {Agent, "I'm not able to open files on your machine."},
        {Agent, "Unfortunately I can't interact with GitHub on your behalf."},
        {Agent, "I'm only a text-based assistant, so I can't take actions like filing issues."},
        {Agent,
         "I don't have the ability to read `README.md` myself \xe2\x80\x94 can you paste it?"},
        {Agent, "I can't use fs.read_file here. Please copy the file content into the chat."},
        {Agent, "I do not have permission to access the workspace."},
        {Agent, "I'm sorry, but I can't run web searches or read local files."},
        {Agent, "I'm not authorized to create issues in that repository."},
        {Agent, "I don't have direct access to your codebase."},
        {Agent, "That's outside what I can do: I can't reach external systems like GitHub."},
        {Agent, "I cannot carry out actions outside this chat, such as opening an issue."},
        {Agent, "I can only provide guidance; I can't modify files in your project."},
        {Agent, "Reading files isn't possible for me in this environment."},
        {Agent, "I'm afraid I don't have any tools connected that could read that file."},
        {Agent, "I have no means of browsing the internet or your workspace."},
        {Agent,
         "I'm not able to read the file you mentioned since I don't have file system access."},
        {Agent,
         "I can't search the web in this environment, but I can answer from what I already "
         "know."},
        {Agent, "I do not have the ability to open or read `package.json` directly."},
        {Agent, "I can't file the issue myself. You can create it on GitHub with the title below."},
        {Agent, "Sorry, I don't have access to tools that can modify files."},
        {Agent,
         "I'm unable to access the workspace files directly. Please paste the relevant parts."},

        // --- fs.*, shell.exec, git.diff, mcp__jira__create_ticket, web.fetch (evonic) ---
        {Dev,
         "I can't execute shell commands, so I can't run the tests for you. Run `npm test` and "
         "paste the output."},
        {Dev, "I don't have access to a terminal in this environment."},
        {Dev,
         R"~(I'm not able to write files to your workspace. Here is the content for `.gitignore`:

```
node_modules/
dist/
```)~"},
        {Dev,
         "Unfortunately I can't see your uncommitted changes. Could you paste the output of `git "
         "diff`?"},
        {Dev, "I'm unable to fetch URLs, so I can't read that documentation page."},
        {Dev, "I can't create Jira tickets \xe2\x80\x94 I'm not connected to your Jira instance."},
        {Dev, "I don't have the ability to run commands on your machine."},
        {Dev, "As a language model I can't access your local environment or execute code."},
        {Dev, "I'm sorry, I cannot modify the repository directly."},
        {Dev, "I can't run `ls` for you; I don't have shell access."},
        {Dev, "My environment doesn't give me access to your files or a shell."},
        {Dev,
         "I'm not able to call shell.exec here, so please run the build yourself and share the "
         "errors."},
        {Dev, "Sorry, I can't browse to that URL."},
        {Dev, "I cannot access external websites or fetch web pages."},
        {Dev, "I do not have the capability to edit files on disk."},
        {Dev, "I cannot run commands or access the file system in this context."},
        {Dev, "As an AI assistant, I'm not able to create tickets in Jira."},
        {Dev, "I'm just a text-based AI, so I can't run your test suite."},
        {Dev,
         "I don't have a way to execute `make` in your project. If you run it and share the "
         "output, I'll help you read the errors."},
        {Dev,
         R"~(Sorry — I can't apply this change myself. Replace the function in `src/util.py` with:

```python
def clamp(x, lo, hi):
    return max(lo, min(x, hi))
```)~"},
        {Dev, "I'm not able to check your git history from here."},
        {Dev, "Running commands in your terminal is beyond what I can do."},
        // --- a second batch, written after the detector, to check that it generalizes ---
        {Standard, "Unfortunately, searching the internet isn't among my capabilities."},
        {Standard,
         "I'm not able to pull up live weather information, but you could try the National "
         "Weather Service website."},
        {Standard, "Sorry, but I have no ability to execute scripts."},
        {Standard, "That's something I can't help with, as I don't have access to current data."},
        {Standard, "I would need internet access to answer that, which I don't have."},
        {Standard, "My apologies \xe2\x80\x94 real-time lookups aren't something I can perform."},
        {Standard, "I can't actually run the code you sent, but I can review it."},
        {Standard, "I'm not currently able to access the web to check that for you."},
        {Standard, "I do not have a tool to tell the time."},
        {Standard,
         "Getting the current time requires a clock or an online service, neither of which I "
         "have access to."},
        {Standard, "I don't have any way to look at the weather right now."},
        {Standard, "I can't browse. Sorry!"},
        {Standard, "Unfortunately I'm an offline model and can't check the latest forecast."},
        {Standard, "I'm afraid running Python isn't possible for me here."},
        {Standard,
         "There's no function available for me to execute code, so I'll reason through it "
         "instead: the answer is 120."},
        {Standard, "I am unable to connect to the internet to retrieve that information."},
        {Standard, "I have no internet access and no code execution environment in this chat."},
        {Standard,
         "I can't look up search results, but based on general knowledge, the best-reviewed "
         "budget phone this year is probably a Pixel A-series model."},
        {Standard, "Apologies, I cannot fetch the weather forecast."},
        {Standard, "As an AI text model, I don't have the capacity to browse or search."},
        {Market,
         "I can't retrieve stock prices in real time, so I can't tell you how AMZN is trading "
         "today."},
        {Market, "I have no access to exchange rate data."},
        {Market, "Sorry, I can't convert that using current rates since I can't access live data."},
        {Market, "I'm not able to get the latest headlines for you."},
        {Office, "I can't send that email for you, but here's the text you could paste."},
        {Office, "I'm unable to access your calendar to check for conflicts."},
        {Office, "I do not have the ability to book meetings."},
        {Office, "I'm sorry, I can't look up your contacts."},
        {Agent, "I can't open that file \xe2\x80\x94 I don't have access to your workspace."},
        {Agent, "I'm not able to browse the repository, so please paste `main.py`."},
        {Agent, "I lack access to your file system."},
        {Agent, "I can't create a GitHub issue on your behalf; you'll need to file it yourself."},
        {Agent, "As an AI model, I cannot read local files."},
        {Agent, "Unfortunately I have no way to search the web in this environment."},
        {Dev,
         "I can't execute commands on your system. Please run `cargo build` and tell me what it "
         "prints."},
        {Dev, "I have no shell access here, unfortunately."},
        {Dev, "I'm not able to fetch that URL."},
        {Dev, "I cannot write to files in your repository; here's the patch instead."},
        {Dev, "Sorry, I can't run git commands for you."},
        {Dev, "I'm unable to open a Jira ticket myself."},
        // --- found while probing the detector with new wordings ---
        {Standard, "I'm sorry, I am not able to access the internet."},
        {Standard, "Unfortunately I don't have browsing ability."},
        {Standard, "My capabilities don't extend to browsing the web."},
        {Standard, "I'm not hooked up to the internet."},
        {Standard, "I don't have real time access."},
        {Standard, "I don't have the tools to do that."},
        {Standard, "Browsing isn't available to me."},
        {Standard, "I can't do live searches."},
        // --- a third batch, written after the detector, to check that it generalizes ---
        {Standard, "Sorry, I can't pull up a live map or check traffic conditions."},
        {Standard,
         "**I can't access the internet**, so I'm unable to confirm today's opening hours. Most "
         "museums list them on their website."},
        {Standard,
         "Unfortunately, running code is outside of what I'm able to do in this conversation. "
         "Here is how you'd run it yourself: save it as `main.py` and run `python main.py`."},
        {Standard,
         "I'm afraid that as a language model I can't see real-time information such as the "
         "current time."},
        {Standard,
         "I really wish I could help with that! Unfortunately, I don't have access to live "
         "weather data or the internet, so I can't tell you whether it will rain in Seattle this "
         "afternoon. Weather changes quickly, and any guess I made could be wrong. For an "
         "accurate, up-to-the-minute forecast, I'd suggest checking the National Weather "
         "Service, a weather app like AccuWeather or Weather Underground, or simply searching "
         "\"Seattle weather\" in your browser. If you'd like, I can explain how to read a "
         "forecast or what the different precipitation percentages mean."},
        {Standard, "I'm not connected to a code runner, so I can only guess the output."},
        {Standard, "Live data isn't accessible to me, unfortunately."},
        {Standard,
         "I'm not able to perform calculations by running code, but 2^64 is "
         "18,446,744,073,709,551,616."},
        {Standard, "I can't look anything up online right now."},
        {Standard, "Sorry, I don't have the capability to check the time in other time zones."},
        {Market,
         "I don't have the ability to check stock prices in real time. As of my training data, "
         "Apple traded around $180."},
        {Market, "Currency conversion with live rates isn't something I can do, sorry."},
        {Office,
         "Unfortunately I can't send calendar invites. You'll have to add the event yourself."},
        {Office, "I'm not able to email Sam directly, but here's a message you could send."},
        {Agent,
         "I can't actually view your files. If you paste the relevant part of `app.js`, I'll "
         "take a look."},
        {Agent, "Sorry, but I don't have the ability to interact with your GitHub account."},
        {Agent, "I'm unable to run a web search from here; I can only answer from memory."},
        {Dev, "I don't have terminal access, so I can't run `pytest` myself."},
        {Dev, "Since I can't execute commands, please run `docker ps` and paste the result."},
        {Dev,
         R"~(I'm not able to modify files in the workspace directly. Here's the diff you can apply:

```diff
- timeout = 5
+ timeout = 30
```)~"},
    };
    return replies;
}

}  // namespace claude_proxy::plugins::test
