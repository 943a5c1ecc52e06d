<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../../processing_algs/support/outputs.py" line="151"/>
        <source>Could not write row {} of the output &apos;{}&apos; ({}): {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/outputs.py" line="200"/>
        <source>The output &apos;{}&apos; names a folder, not a file: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/outputs.py" line="204"/>
        <source>The output &apos;{}&apos; names a file, not a folder: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/outputs.py" line="210"/>
        <source>The outputs &apos;{}&apos; and &apos;{}&apos; both go to {}; give each its own file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/outputs.py" line="328"/>
        <source>Could not store the default style of {}: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/outputs.py" line="377"/>
        <source>The folder of the output &apos;{}&apos; does not exist: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/outputs.py" line="381"/>
        <source>The output &apos;{}&apos; cannot be written: no permission to write in {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/outputs.py" line="390"/>
        <source>The output &apos;{}&apos; ({}) is not a file format QGIS writes; use a name ending in .gpkg, .csv, .xlsx, .geojson or .shp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/parameters.py" line="113"/>
        <source>ICS layer (STP / ICB polygons)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/parameters.py" line="113"/>
        <source>The Integrated Care Systems: STP polygons for 2020/21, ICB polygons from July 2022. Every ICS of this layer gets a row in the output, with or without organisations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/parameters.py" line="121"/>
        <source>ICS code field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/parameters.py" line="121"/>
        <source>The field holding each ICS&apos;s code, the same kind of code the organisations carry (ONS E54... codes, or ODS codes such as QHM).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/parameters.py" line="135"/>
        <source>commissioners (CCGs, sub-ICB locations or ICBs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/parameters.py" line="136"/>
        <source>NHS trusts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/parameters.py" line="138"/>
        <source>{} with status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/parameters.py" line="138"/>
        <source>The {}: a table or layer with a code and a DSPT status per organisation, usually from &apos;Import DSPT status export&apos; or &apos;Join DSPT status to organisations&apos;. A missing status counts as Not Published.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/parameters.py" line="148"/>
        <source>The field holding each organisation&apos;s ICS code. Leave it empty when the layer has points: each is then placed in the ICS polygon containing it (reprojected as needed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/parameters.py" line="152"/>
        <source>The field holding each organisation&apos;s ICS code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/parameters.py" line="153"/>
        <source>{}: ICS code field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/parameters.py" line="161"/>
        <source>{}: status field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/parameters.py" line="161"/>
        <source>The field holding the DSPT status (&apos;Standards Met&apos; or &apos;20/21 Standards Met&apos;); empty means the field called status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/parameters.py" line="170"/>
        <source>{}: organisation code field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/parameters.py" line="170"/>
        <source>The field holding each organisation&apos;s ODS code, used to report and de-duplicate organisations; empty means the field called code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/parameters.py" line="184"/>
        <source>DSPT edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/parameters.py" line="184"/>
        <source>Only this edition&apos;s statuses count, e.g. 20/21 or 2022-23. Empty: the edition of an imported table (its edition field), else the newest edition among the statuses. A status of another edition counts as Not Published, and the log says how many.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/parameters.py" line="196"/>
        <source>Scores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/parameters.py" line="196"/>
        <source>Change the scoring, e.g. &apos;Not Published=-4&apos;, or score a status of a newer toolkit, e.g. &apos;Achieved=3&apos;. Empty: the published scores ({scores}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/parameters.py" line="217"/>
        <source>HTML report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/parameters.py" line="217"/>
        <source>HTML files (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareEditionsAlgorithm</name>
    <message>
        <location filename="../../processing_algs/compare_editions.py" line="51"/>
        <source>Compare two DSPT editions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/compare_editions.py" line="76"/>
        <source>Earlier edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/compare_editions.py" line="76"/>
        <source>Statuses of the earlier edition, e.g. 2020/21.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/compare_editions.py" line="76"/>
        <source>Later edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/compare_editions.py" line="76"/>
        <source>Statuses of the later edition, e.g. 2022/23.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/compare_editions.py" line="80"/>
        <source>Usually the output of &apos;Import DSPT status export&apos;; a name and a sector field are used when the table has them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/compare_editions.py" line="83"/>
        <source>Code field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/compare_editions.py" line="83"/>
        <source>The field holding each organisation&apos;s ODS code, in both tables; empty means the field called code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/compare_editions.py" line="86"/>
        <source>Status field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/compare_editions.py" line="86"/>
        <source>The field holding the status, in both tables; empty means the field called status. A blank status counts as Not Published.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/compare_editions.py" line="89"/>
        <source>Successor table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/compare_editions.py" line="89"/>
        <source>Old code -&gt; new code for organisations that merged or closed; rows without a new code are ignored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/compare_editions.py" line="93"/>
        <source>Successor table: old code field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/compare_editions.py" line="93"/>
        <source>The field holding the code of the organisation that closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/compare_editions.py" line="95"/>
        <source>Successor table: new code field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/compare_editions.py" line="95"/>
        <source>The field holding its successor&apos;s code (e.g. Successor.Code).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/compare_editions.py" line="98"/>
        <source>Change per organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/compare_editions.py" line="98"/>
        <source>One row per organisation of either edition; styled by direction when it has geometry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/compare_editions.py" line="101"/>
        <source>Transition matrix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/compare_editions.py" line="101"/>
        <source>Earlier status x later status counts, per sector and for all sectors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/compare_editions.py" line="104"/>
        <source>Counts, a flow chart of transitions, the matrix and the organisations whose score moved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/compare_editions.py" line="181"/>
        <source>{} has another geometry type than {}: its shapes are not used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/compare_editions.py" line="191"/>
        <source>DSPT status change</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrosswalkAlgorithm</name>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="57"/>
        <source>Commissioner statuses on a newer geography</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="84"/>
        <source>Commissioner statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="84"/>
        <source>One edition&apos;s commissioner statuses, usually the output of &apos;Import DSPT status export&apos; (e.g. the 2022/23 ICBs).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="88"/>
        <source>Code field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="88"/>
        <source>The statuses&apos; ODS code field; empty means the field called code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="90"/>
        <source>Status field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="90"/>
        <source>The statuses&apos; status field; empty means the field called status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="92"/>
        <source>Old lookup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="92"/>
        <source>The old geography&apos;s small areas and the organisation each belonged to, e.g. ONS sicbl23_icb23_nhser23. Empty: the statuses are the small areas&apos; own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="96"/>
        <source>Old lookup: small area code field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="96"/>
        <source>E.g. SICBL23CDH (ODS codes, as the new lookup&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="98"/>
        <source>Old lookup: organisation code field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="98"/>
        <source>The code of the organisation whose status the area takes, as in the statuses, e.g. ICB23CDH.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="100"/>
        <source>New lookup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="100"/>
        <source>The new geography&apos;s small areas, each with its ICS and population, e.g. sicbl26_icb26_nhser26 with registered patients.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="104"/>
        <source>New lookup: small area code field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="104"/>
        <source>E.g. SICBL26CDH.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="106"/>
        <source>New lookup: ICS code field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="106"/>
        <source>E.g. ICB26CD: the code the new ICS boundaries carry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="108"/>
        <source>New lookup: population field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="108"/>
        <source>Each small area&apos;s weight within its ICS, e.g. registered_patients.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="110"/>
        <source>Old small areas (boundaries)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="110"/>
        <source>Needed only when a small area of the new lookup is not in the old one, e.g. sub-ICB locations July 2022.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="114"/>
        <source>Old small areas: code field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="114"/>
        <source>The same codes as the old lookup&apos;s small areas, e.g. SICBL22CDH.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="116"/>
        <source>New ICS boundaries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="116"/>
        <source>Needed with the old small areas, e.g. ICB April 2026.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="119"/>
        <source>New ICS boundaries: code field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="119"/>
        <source>The same codes as the new lookup&apos;s ICS field, e.g. ICB26CD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="122"/>
        <source>Small areas with status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="122"/>
        <source>One row per small area of the new lookup, ready for &apos;ICS composite score&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="125"/>
        <source>Shares of each new ICS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="125"/>
        <source>Each old organisation&apos;s share of each new ICS&apos;s population: the weights used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="164"/>
        <source>ICS {}: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="197"/>
        <source>Small area(s) {} of the new lookup are not in the old geography: give the old small areas&apos; and the new ICSs&apos; boundaries to match them by area, or add them to the old lookup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/crosswalk.py" line="200"/>
        <source>Matching {} by area.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DsptAlgorithm</name>
    <message>
        <location filename="../../processing_algs/support/algorithm.py" line="36"/>
        <source>1 Prepare DSPT data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/algorithm.py" line="37"/>
        <source>2 ICS analysis and reporting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/algorithm.py" line="38"/>
        <source>3 Editions and geographies over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/support/algorithm.py" line="40"/>
        <source>Cancelled by the user; no output was written.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DsptPlugin</name>
    <message>
        <location filename="../plugin.py" line="72"/>
        <source>DSPT tools in the Processing Toolbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin.py" line="72"/>
        <source>Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin.py" line="72"/>
        <source>Show the DSPT compliance algorithms in the Processing Toolbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin.py" line="72"/>
        <source>Run the whole method…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin.py" line="72"/>
        <source>Import an export, join, score and summarise in one run (the shipped model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin.py" line="72"/>
        <source>Open the DSPT demo project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin.py" line="72"/>
        <source>Open the project make demo writes: grouped layers, a map theme and a print layout per map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin.py" line="72"/>
        <source>How to use the DSPT compliance tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin.py" line="129"/>
        <source>Open the DSPT demo project (out/dspt_demo.qgz)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin.py" line="129"/>
        <source>QGIS projects (*.qgz *.qgs)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IcsCompositeAlgorithm</name>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="205"/>
        <source>ICS composite score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="122"/>
        <source>Trusts: the weight field holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="134"/>
        <source>When an ICS has no trusts or no commissioners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="139"/>
        <source>ICS composite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="141"/>
        <source>Organisations not counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="108"/>
        <source>Commissioners: population field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="108"/>
        <source>Weights each commissioner&apos;s score by its population. Empty: a population table below, or a simple mean.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="111"/>
        <source>Population table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="111"/>
        <source>A table of populations per commissioner (e.g. GP registered patients per CCG), joined to the commissioners by code; used when no population field is given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="115"/>
        <source>Population table: commissioner code field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="115"/>
        <source>The same kind of code as the commissioners&apos; code field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="117"/>
        <source>Population table: population field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="117"/>
        <source>Whole people: registered patients or residents.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="120"/>
        <source>Trusts: EPRR tier or weight field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="120"/>
        <source>Weights each trust&apos;s score by its EPRR tier or a weight. Empty: a simple mean.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="122"/>
        <source>EPRR tiers 1-4 (weighted through the tier weights) or weights used as they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="126"/>
        <source>EPRR tier weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="126"/>
        <source>tier=weight pairs; each tier once, each weight above 0. Published: {tiers}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="130"/>
        <source>Commissioner share of the composite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="130"/>
        <source>The trusts&apos; share is the rest. Published: {}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="134"/>
        <source>The published method leaves such an ICS without a composite.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="139"/>
        <source>The ICS polygons with the scores, counts and a note per ICS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="141"/>
        <source>Every organisation left out of the scores, with the reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="202"/>
        <source>{} ICS: {}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportExportAlgorithm</name>
    <message>
        <location filename="../../processing_algs/import_export.py" line="79"/>
        <source>Import DSPT status export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="157"/>
        <source>DSPT statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="189"/>
        <source>Reading {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="196"/>
        <source>Columns used: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="200"/>
        <source>Edition {}: {} organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="235"/>
        <source>{}: neither a readable file nor a table layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="108"/>
        <source>DSPT status export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="108"/>
        <source>DSPT exports (*.csv *.CSV *.txt *.tsv *.xlsx);;All files (*.*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="108"/>
        <source>A CSV or .xlsx file, or a table layer already in the project. Old Excel .xls workbooks must be saved as .xlsx or CSV first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="119"/>
        <source>DSPT edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="119"/>
        <source>The edition whose statuses count, e.g. 20/21 or 2022-23. Empty: the newest edition named in the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="126"/>
        <source>Empty: found by name ({}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="132"/>
        <source>Sector when the file has none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="132"/>
        <source>The sector of rows with no sector, e.g. &apos;NHS Trust&apos; for a trusts-only snapshot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="138"/>
        <source>Workbook sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="138"/>
        <source>Empty: the first sheet with a code and a status column.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="145"/>
        <source>Closed organisations (ODS records)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="145"/>
        <source>Close dates per organisation, e.g. the output of &apos;Read ODS bulk files&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="148"/>
        <source>Closed organisations: code field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="148"/>
        <source>Empty means code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="150"/>
        <source>Closed organisations: close date field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="150"/>
        <source>Empty means close_date. Dates, 2022-03-31 or 20220331.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="153"/>
        <source>Organisations closed before the deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="153"/>
        <source>Only when close dates are given, and only for organisations without a status of their own or from a successor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="157"/>
        <source>One row per organisation (see the fields above).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="162"/>
        <source>Import report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="162"/>
        <source>Every input row and what happened to it (used, duplicate, excluded) with the reason.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JoinStatusAlgorithm</name>
    <message>
        <location filename="../../processing_algs/join_status.py" line="62"/>
        <source>Join DSPT status to organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="92"/>
        <source>DSPT table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="123"/>
        <source>Lookup: field with the layer&apos;s codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="125"/>
        <source>Lookup: field with the DSPT codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="128"/>
        <source>Organisations with DSPT status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="133"/>
        <source>Unmatched features and DSPT rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="186"/>
        <source>DSPT status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="83"/>
        <source>Organisations layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="83"/>
        <source>CCG, sub-ICB location or ICB boundaries, or trust points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="90"/>
        <source>Code field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="90"/>
        <source>The layer&apos;s field holding the organisations&apos; codes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="92"/>
        <source>Usually the output of &apos;Import DSPT status export&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="97"/>
        <source>DSPT code field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="97"/>
        <source>The DSPT table&apos;s code field; empty means the field called code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="99"/>
        <source>DSPT fields to add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="99"/>
        <source>Empty: code, name, sector, edition, status, status_source and score (those the table has).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="108"/>
        <source>DSPT status field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="108"/>
        <source>The field holding the status: it styles the output and decides which repeated rows are the same organisation. Empty means the field called status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="116"/>
        <source>Code lookup table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="116"/>
        <source>Translates the layer&apos;s codes to DSPT codes, e.g. the ONS CCG20CD -&gt; CCG20CDH (ODS) lookup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="123"/>
        <source>The lookup&apos;s field holding the same codes as the layer&apos;s code field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="125"/>
        <source>The lookup&apos;s field holding the codes the DSPT table uses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="128"/>
        <source>The input features with the DSPT fields added, styled by status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="133"/>
        <source>Every feature and DSPT row that found no partner, with the reason.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LocateOrganisationsAlgorithm</name>
    <message>
        <location filename="../../processing_algs/locate_organisations.py" line="174"/>
        <source>Organisation points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/locate_organisations.py" line="76"/>
        <source>Organisations table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/locate_organisations.py" line="86"/>
        <source>Postcode lookup table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/locate_organisations.py" line="101"/>
        <source>Organisations not located</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/locate_organisations.py" line="76"/>
        <source>A table of organisations, e.g. the trusts of an imported export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/locate_organisations.py" line="86"/>
        <source>A postcode table such as an ONS Postcode Directory extract.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/locate_organisations.py" line="96"/>
        <source>Give latitude and longitude, or easting and northing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/locate_organisations.py" line="98"/>
        <source>Points in EPSG:4326 with every input field and location_source.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/locate_organisations.py" line="101"/>
        <source>Rows that could not be located, with the reason.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MethodModel</name>
    <message>
        <location filename="../../processing_algs/method_model.py" line="28"/>
        <source>DSPT method: import to ICS composite (model)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OdsMembershipAlgorithm</name>
    <message>
        <location filename="../../processing_algs/ods_membership.py" line="46"/>
        <source>ICS of each organisation from ODS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ods_membership.py" line="68"/>
        <source>Organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ods_membership.py" line="68"/>
        <source>A table or layer with each organisation&apos;s ODS code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ods_membership.py" line="70"/>
        <source>Organisation code field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ods_membership.py" line="70"/>
        <source>Empty means the field called code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ods_membership.py" line="72"/>
        <source>ODS records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ods_membership.py" line="72"/>
        <source>The output of &apos;Read ODS bulk files&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ods_membership.py" line="74"/>
        <source>ODS records: code field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ods_membership.py" line="74"/>
        <source>Empty means code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ods_membership.py" line="76"/>
        <source>ODS records: ICS code field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ods_membership.py" line="76"/>
        <source>Empty means high_level_health_geography.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ods_membership.py" line="79"/>
        <source>Lookup: ODS ICS code to ICS layer code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ods_membership.py" line="79"/>
        <source>E.g. lookups/ccg21_stp21_nhser21.csv (STP21CDH -&gt; STP21CD).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ods_membership.py" line="82"/>
        <source>Lookup: field with ODS ICS codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ods_membership.py" line="82"/>
        <source>E.g. STP21CDH or ICB23CDH.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ods_membership.py" line="84"/>
        <source>Lookup: field with the ICS layer&apos;s codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ods_membership.py" line="84"/>
        <source>E.g. STP21CD or ICB23CD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ods_membership.py" line="86"/>
        <source>Organisations with their ICS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ods_membership.py" line="86"/>
        <source>The input with ods_ics_code and ics_code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ods_membership.py" line="88"/>
        <source>Organisations without an ICS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ods_membership.py" line="88"/>
        <source>Each organisation given no ICS, with the reason.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReadOdsAlgorithm</name>
    <message>
        <location filename="../../processing_algs/read_ods.py" line="29"/>
        <source>Read ODS bulk files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/read_ods.py" line="50"/>
        <source>ODS files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/read_ods.py" line="50"/>
        <source>etr.csv, ect.csv, eccg.csv ... from one ODS release (header-less CSV).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/read_ods.py" line="52"/>
        <source>ODS organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/read_ods.py" line="52"/>
        <source>One row per organisation, columns named.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/read_ods.py" line="66"/>
        <source>Give at least one ODS file (e.g. etr.csv).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/read_ods.py" line="71"/>
        <source>{} organisations from {} file(s); {} with a close date.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SummaryTableAlgorithm</name>
    <message>
        <location filename="../../processing_algs/summary_table.py" line="43"/>
        <source>Summary of compliance by sector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/summary_table.py" line="62"/>
        <source>DSPT table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/summary_table.py" line="70"/>
        <source>Summary of compliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/summary_table.py" line="117"/>
        <source>HTML report written to {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/summary_table.py" line="62"/>
        <source>Usually the output of &apos;Import DSPT status export&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/summary_table.py" line="64"/>
        <source>Sector field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/summary_table.py" line="64"/>
        <source>Empty means the field called sector.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/summary_table.py" line="66"/>
        <source>Status field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/summary_table.py" line="66"/>
        <source>Empty means the field called status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/summary_table.py" line="70"/>
        <source>One row per sector and a total row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/summary_table.py" line="72"/>
        <source>The table and a stacked bar chart in one self-contained page.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrustProportionsAlgorithm</name>
    <message>
        <location filename="../../processing_algs/trust_proportions.py" line="59"/>
        <source>Trust compliance proportions per ICS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/trust_proportions.py" line="134"/>
        <source>Trust compliance proportions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/trust_proportions.py" line="94"/>
        <source>Trusts not counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/trust_proportions.py" line="133"/>
        <source>No population table: the ICSs are shaded by number of trusts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/trust_proportions.py" line="82"/>
        <source>Population table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/trust_proportions.py" line="82"/>
        <source>Rows with an ICS code and a population, summed per ICS to shade the map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/trust_proportions.py" line="85"/>
        <source>Population table: ICS code field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/trust_proportions.py" line="85"/>
        <source>The same kind of code as the ICS layer&apos;s code field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/trust_proportions.py" line="87"/>
        <source>Population table: population field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/trust_proportions.py" line="87"/>
        <source>Whole people: registered patients or residents.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/trust_proportions.py" line="91"/>
        <source>The ICS polygons with counts and shares per status, and the population.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/trust_proportions.py" line="94"/>
        <source>Every trust left out of the counts, with the reason.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebReportAlgorithm</name>
    <message>
        <location filename="../../processing_algs/web_report.py" line="58"/>
        <source>Web report (interactive maps)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="80"/>
        <source>Commissioners with status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="80"/>
        <source>Polygons with code, name and status fields (from &apos;Join DSPT status to organisations&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="83"/>
        <source>Trust points with status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="83"/>
        <source>Points with code, name and status fields (from &apos;Organisation points&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="86"/>
        <source>ICS composite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="86"/>
        <source>The output of &apos;ICS composite score&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="89"/>
        <source>ICS code field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="89"/>
        <source>The field the composite was computed on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="91"/>
        <source>ICS name field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="91"/>
        <source>Shown in labels and the table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="93"/>
        <source>Trust proportions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="93"/>
        <source>The output of &apos;Trust compliance proportions per ICS&apos; (same ICS code field): the pies and the population shading.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="97"/>
        <source>NHS England regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="97"/>
        <source>Drawn over the composite map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="100"/>
        <source>Regions: name field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="100"/>
        <source>E.g. NHSER23NM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="101"/>
        <source>Summary of compliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="101"/>
        <source>The output of &apos;Summary of compliance by sector&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="104"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="104"/>
        <source>The page&apos;s heading, e.g. &apos;DSPT 2020/21 compliance&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="106"/>
        <source>DSPT edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="106"/>
        <source>Shown in the headings, e.g. 20/21.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="108"/>
        <source>About the data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="108"/>
        <source>E.g. &apos;DSPT statuses as published on 8 February 2022&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="110"/>
        <source>Basemap tile address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="110"/>
        <source>Empty: no basemap and no network use. An https tile address with {z}/{x}/{y} draws one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="113"/>
        <source>Basemap attribution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="113"/>
        <source>Required by most tile providers, e.g. '© OpenStreetMap contributors'.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="117"/>
        <source>Web report folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="117"/>
        <source>index.html and its files; publish the folder as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/web_report.py" line="182"/>
        <source>Web report written: {} files, {:.1f} MB; open {}/index.html</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
