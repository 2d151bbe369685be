using System.Globalization;
using IngestWorker.Core.Articles;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Tests.Extraction;

/// <summary>
/// Kinds of troop-figure phrasing real reports use (issue 9), each in sentences of our own: figures split
/// across a sentence, nouns before or around the number, background history, plans and their dates, and
/// counts of other things. Claims are written "LOCATION KIND COUNT BOUND ASOF", sorted.
/// </summary>
public sealed class TroopFigurePhrasingTests
{
    [Theory]
    // "from X to Y" after the noun, and "from X to ... a force of Y to Z" split across the sentence
    [InlineData("The drawdown will take the U.S. force in Kuwait from 15,000 to 11,000.", "Kuwait level 15000 exact 2009-04-01|Kuwait target 11000 exact null")]
    [InlineData("The order will bring American troops in Iraq down from the current 120,000 to what the general called an advisory force of 40,000 to 45,000 by May 2010.",
        "Iraq level 120000 exact 2009-04-01|Iraq target 40000 at-least 2010-05|Iraq target 45000 at-most 2010-05")]
    [InlineData("The deal would cut U.S. forces in Syria from about 2,400 to between 1,000 and 1,200.",
        "Syria level 2400 approximately 2009-04-01|Syria target 1000 at-least null|Syria target 1200 at-most null")]
    // a partitive, and a noun of a body of troops before its number, with a bound after the number
    [InlineData("Officials say 40,000 of those soldiers are in Kuwait.", "Kuwait level 40000 exact 2009-04-01")]
    [InlineData("A rear detachment of 300 or so will stay in Jordan.", "Jordan target 300 approximately null")]
    [InlineData("Some 2,000 or more Marines are now in Kuwait.", "Kuwait level 2000 at-least 2009-04-01")]
    // gapped and coordinated figures borrow the noun of the figure before them
    [InlineData("The U.S. currently keeps 2,200 troops in Iraq and 650 in nearby Syria.", "Iraq level 2200 exact 2009-04-01|Syria level 650 exact 2009-04-01")]
    [InlineData("America has 6,000 personnel stationed in Iraq, and the coalition a further 900.", "Iraq level 6000 exact 2009-04-01|Iraq level 900 exact 2009-04-01")]
    // one figure moved out of one country into another gives both claims
    [InlineData("The Pentagon will relocate 700 soldiers from Syria to Iraq.", "Iraq increase 700 exact null|Syria reduction 700 exact null")]
    // the whole a part of which moves is a level; a level reached in the past; what a finished move leaves
    [InlineData("The White House told the bulk of the 3,000 U.S. troops in Syria to pull out.", "Syria level 3000 exact 2009-04-01")]
    [InlineData("The order directed most of the 3,000 U.S. troops in Syria to pull out.", "Syria level 3000 exact null")]
    [InlineData("The American presence in Kuwait was increased to about 20,000 troops.", "Kuwait level 20000 approximately null")]
    [InlineData("The final brigade has crossed out of Iraq, leaving 45,000 U.S. troops in the country.", "Iraq level 45000 exact 2009-04-01")]
    [InlineData("The last unit pulled out of Iraq, leaving 45,000 U.S. troops in the country.", "Iraq level 45000 exact 2009-04-01")]
    [InlineData("The Pentagon decided to withdraw 500 troops, leaving fewer than 1,500 in Syria.", "Syria reduction 500 exact null|Syria target 1500 at-most null")]
    // a part of a whole: the part moves, the whole is the level
    [InlineData("Washington intends to bring home 1,500 of its 4,000 soldiers in Kuwait.", "Kuwait level 4000 exact 2009-04-01|Kuwait reduction 1500 exact null")]
    // each half of "from X in YEAR to Y in YEAR" keeps its own date
    [InlineData("The U.S. force in Kuwait went from 30,000 in 2005 to 13,000 in 2008.", "Kuwait level 30000 exact 2005|Kuwait target 13000 exact 2008")]
    // a figure going on from the one before takes its kind
    [InlineData("About 500 Marines were sent to Jordan, and another 1,000 are due to follow.", "Jordan increase 1000 exact null|Jordan increase 500 approximately null")]
    public void A_figure_phrasing_gives_its_claims(string sentence, string expected) =>
        Assert.Equal(Sorted(expected), Claims(sentence));

    [Theory]
    // a date in a relative clause dates that clause's verb, not the figure
    [InlineData("About 9,000 troops remain in Kuwait, which the coalition used as a staging ground in 2003.", "Kuwait level 9000 approximately 2009-04-01")]
    // a date right after a verb of saying dates the report, not the plan told after it
    [InlineData("The general announced Monday that the U.S. will reduce its troops in Iraq to 8,000.", "Iraq target 8000 exact null")]
    // a trailing attribution still dates the figure
    [InlineData("The Army will send about 1,200 soldiers to Kuwait, a spokesman said on Monday.", "Kuwait increase 1200 approximately null")]
    // a day of a month without a year: ahead for a plan
    [InlineData("Officials expect to have 30,000 troops in Iraq by August 31.", "Iraq target 30000 exact 2009-08-31")]
    // a move told over a span has no single date
    [InlineData("That amounts to a reduction of 8,000 troops in Kuwait since 2005.", "Kuwait reduction 8000 exact null")]
    // a month without a year in a sentence about the future is the coming one
    [InlineData("The plan would shrink the U.S. force in Iraq to 20,000 troops in February.", "Iraq target 20000 exact 2010-02")]
    // a verb before a verb of saying speaks of the speaker; the figure's own verb says its kind
    [InlineData("The president has said 12,000 troops have left Iraq this spring.", "Iraq reduction 12000 exact 2009")]
    // an adjective of more gives way to the verb of the clause
    [InlineData("The U.S. will pull an additional 400 troops out of Syria.", "Syria reduction 400 exact null")]
    [InlineData("About 800 American soldiers will leave Jordan next month.", "Jordan reduction 800 approximately 2009-05")]
    // background history: a vague anchor pinned by a year is that year, even where the year dates a war
    [InlineData("Only 12,000 U.S. troops are left in Kuwait, down from roughly 60,000 at the height of the war in 2004.",
        "Kuwait level 12000 exact 2009-04-01|Kuwait level 60000 approximately 2004")]
    [InlineData("At its peak in 2006 the U.S. force in Kuwait numbered 60,000 troops.", "Kuwait level 60000 exact 2006")]
    // "after" an event is not when the figure held
    [InlineData("The number of U.S. troops in Syria was raised to 1,800 after the attacks of June 2, 2007.", "Syria level 1800 exact null")]
    public void A_figure_is_dated_by_its_own_clause(string sentence, string expected) =>
        Assert.Equal(Sorted(expected), Claims(sentence));

    [Theory]
    // a figure each of several listed countries has: one claim for each; "host to" is no target
    [InlineData("Qatar and Bahrain are each host to about 8,000 U.S. troops.", "Bahrain level 8000 approximately 2009-04-01|Qatar level 8000 approximately 2009-04-01")]
    [InlineData("The Pentagon thinned out forces in both Kuwait and Jordan, and by March 1, 2009 each was down to 1,200 American troops.",
        "Jordan level 1200 exact 2009-03-01|Kuwait level 1200 exact 2009-03-01")]
    // bare figures of the troops a sentence opens with, and a verb of being before the place
    [InlineData("Of these forces, 12,000 are in Qatar.", "Qatar level 12000 exact 2009-04-01")]
    [InlineData("About 1,000 U.S. troops remain in Syria. Of that number, 300 will train local units in the east.",
        "Syria level 1000 approximately 2009-04-01|Syria target 300 exact null")]
    // a count of troops named as the subject: what it is, or what it reached in the past
    [InlineData("The Navy runs a large facility in Bahrain. The number of sailors based there is 4,500.", "Bahrain level 4500 exact 2009-04-01")]
    [InlineData("The number of American soldiers in Jordan had slipped to about 2,000 in 2007.", "Jordan level 2000 approximately 2007")]
    [InlineData("U.S. troop numbers in Kuwait rose to more than 9,000 following the crisis.", "Kuwait level 9000 at-least null")]
    // kinds a frame gives: "by N" after a verb of change, "will be N", "more" inside the figure, a ceiling
    [InlineData("The Pentagon plans to reduce its troop presence in Kuwait by about 3,000.", "Kuwait reduction 3000 approximately null")]
    [InlineData("Washington will boost its contingent in Jordan by 500 soldiers.", "Jordan increase 500 exact null")]
    [InlineData("When the build-up ends, the U.S. force in Kuwait will be about 15,000.", "Kuwait target 15000 approximately null")]
    [InlineData("Roughly 300 more U.S. troops will head to Jordan.", "Jordan increase 300 approximately null")]
    [InlineData("The number of U.S. advisers in Jordan was limited to 400.", "Jordan target 400 at-most null")]
    // other countries' own forces are not ours; a number written in words with a hyphen
    [InlineData("The U.S. keeps about 3,000 soldiers in Djibouti, while Italy has around 1,500 and Spain 300.", "Djibouti level 3000 approximately 2009-04-01")]
    [InlineData("Two-thousand U.S. troops are stationed in Kuwait.", "Kuwait level 2000 exact 2009-04-01")]
    [InlineData("About 1.5 thousand U.S. troops are stationed in Kuwait, and 2.5 percent of them are reservists.", "Kuwait level 1500 approximately 2009-04-01")]
    [InlineData("The president ordered a majority among the roughly 2,000 U.S. troops in Syria to leave.", "Syria level 2000 approximately null")]
    public void A_kind_of_phrasing_gives_its_claims(string sentence, string expected) =>
        Assert.Equal(Sorted(expected), Claims(sentence));

    [Theory]
    // casualties, also past an apposition; people troops were spoken to; a number that is part of a name
    [InlineData("A rocket struck the base, killing a contractor and three U.S. service members in Iraq.")]
    [InlineData("Two American soldiers posted at a small outpost near the border, a remote site in Jordan, were killed on Sunday.")]
    [InlineData("The secretary spoke to about 300 troops at a base in Kuwait.")]
    [InlineData("The troops tracked COVID-19 in Kuwait for months.")]
    // a figure several countries share names no single country
    [InlineData("These countries together host about 9,000 U.S. troops.")]
    [InlineData("More than 4,000 American troops are deployed in Iraq and Syria.")]
    [InlineData("The U.S. has about 40,000 troops spread across several Gulf countries.")]
    [InlineData("The U.S. keeps more than 40,000 personnel in the region, including about 3,000 deployed in Iraq and Syria.")]
    [InlineData("Kuwait asked for privacy. The Pentagon would say only that about 30,000 U.S. troops are in the area.")]
    public void A_figure_that_is_no_troop_count_of_one_country_gives_nothing(string sentence) =>
        Assert.Empty(Claims(sentence));

    [Theory]
    [InlineData("Four U.S. soldiers, including a pilot, were killed in Iraq on Monday.")]
    [InlineData("The U.S. once operated 300 bases in Iraq but is now down to 12.")]
    [InlineData("Ships kept arriving in the region, and analysts said the force could reach 120,000 troops.")]
    [InlineData("The coalition handed 40 vehicles to the Iraqis as 250 Iraqi soldiers took over in Iraq.")]
    [InlineData("Syria had about 300,000 soldiers before the war.")]
    [InlineData("The United States keeps some 35,000 troops across the Middle East.")]
    public void A_count_of_other_things_is_not_a_troop_count(string sentence) =>
        Assert.Empty(Claims(sentence));

    private static string[] Sorted(string expected) => expected.Split('|').Order(StringComparer.Ordinal).ToArray();

    private static string[] Claims(string body)
    {
        var text = $"---\ntitle: t\npublished: 2009-04-01\n---\n{body}\n";
        var read = ArticleReader.Read("a.md", System.Text.Encoding.UTF8.GetBytes(text));
        var claims = ClaimExtractor.Extract(Assert.IsType<ArticleReadResult.Read>(read).Article, ExtractionRules.Default);
        return claims.TroopCounts
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Location} {t.Kind.Word()} {t.Count} {t.Bound.Word()} {t.AsOf ?? "null"}"))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }
}
