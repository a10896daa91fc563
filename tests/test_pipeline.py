"""The coder end to end on short stories written for these tests, and on the seed wire story."""
import pytest

from tacitus.pipeline import blank

pytestmark = pytest.mark.slow


def codes(events):
    return {(tuple(a.country for a in e.source), e.event.cameo, tuple(a.country for a in e.target)) for e in events}


def find(events, plover, source_country, target_country):
    return [e for e in events if e.event.plover == plover
            and source_country in {a.country for a in e.source}
            and target_country in {a.country for a in e.target}]


def test_blank_keeps_offsets():
    text = "Caption here.\nBody text."
    assert blank(text, [(0, 13)]) == " " * 13 + "\nBody text."


def test_phone_call_is_consult_by_phone_not_a_meeting(coder):
    _, events = coder.code_text(
        "French President Emmanuel Macron held a phone call with German Chancellor Olaf Scholz on Monday.",
        date="2023-05-10")
    calls = find(events, "CONSULT", "FRA", "DEU")
    assert calls, events
    assert calls[0].event.mode == "phone" and calls[0].event.cameo == "041"
    assert calls[0].date == "2023-05-08" and calls[0].date_basis == "relative"


def test_passive_voice_swaps_roles(coder):
    _, events = coder.code_text("A Turkish army convoy was attacked by Kurdish PKK militants on Sunday.",
                                date="2019-03-05")
    assert any(e.event.quad_class == 4 and "TUR" in {a.country for a in e.target} for e in events), events


def test_a_participle_after_its_noun_is_a_passive(coder):
    # The tourists were arrested, they did not arrest Indonesia: Indonesia's authorities, named by none, did.
    _, events = coder.code_text("Two Australian tourists arrested in Bali were paraded in front of the media on "
                                "Tuesday.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("173", "IDN", "AUSCVL")]
    _, events = coder.code_text("Assad, supported by Moscow, has used chemical weapons.", date="2017-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == \
        [("SUPPORT", "RUSGOV", "SYRGOV")]


def test_reported_speech_codes_the_reported_act(coder):
    _, events = coder.code_text("Russia's defence ministry said Ukrainian forces shelled Russian troops.",
                                date="2022-08-01")
    shelling = [e for e in events if e.event.quad_class == 4]
    assert shelling and shelling[0].source[0].country == "UKR"
    assert [a.country for a in shelling[0].reported_by] == ["RUS"]


def test_whoever_reports_an_event_is_not_its_target(coder):
    _, events = coder.code_text("At least five Nigerian soldiers have been killed in an ambush near Maiduguri, "
                                "Nigerian police said.", date="2024-05-06")
    assert not [e for e in events if e.target and e.target[0].sector == "COP"]
    # The parser reads ", the ... broadcaster reported" as the verb's object: the reporter still is no target.
    _, events = coder.code_text("Kenya has promised to cut off fuel supplies to Somalia over unpaid debts, "
                                "the Kenyan state broadcaster reported on Monday.", date="2024-05-06")
    assert [(e.source[0].country, e.target[0].country) for e in events] == [("KEN", "SOM")]
    assert [a.code for a in events[0].reported_by] == ["KENGOVMED"]


def test_force_used_at_home_is_aimed_at_the_country_itself(coder):
    _, events = coder.code_text("The Nigerian army bombed camps in Borno state.", date="2024-05-06")
    assert [(e.event.quad_class, e.source[0].code, e.target[0].code, e.target[0].text) for e in events] == \
        [(4, "NGAMIL", "NGA", "Borno")]


def test_a_threat_or_withdrawal_with_a_place_in_what_it_is_about_is_aimed_at_that_country(coder):
    # The troops "its" names are the actor's own: the target is the place they leave.
    for text, plover, target in (
            ("Chile threatened on Monday to close its embassy in Lima.", "THREATEN", "PER"),
            ("Ghana withdrew its peacekeepers from Mali on Monday.", "SANCTION", "MLI")):
        _, events = coder.code_text(text, date="2024-05-06")
        assert [(e.event.plover, e.target[0].country) for e in events] == [(plover, target)], text
    # A bare promise made somewhere is not aimed at the place it was made in.
    _, events = coder.code_text("Speaking in Nairobi, Ghana's president promised a new beginning.", date="2024-05-06")
    assert not [e for e in events if e.target and e.target[0].country == "KEN"]


def test_participles_purpose_clauses_and_owners_after_the_noun(coder):
    for text, expected in (
            ("Ugandan police opened fire to disperse opposition supporters on Monday.", ("UGACOP", "UGAOPP")),
            ("Opposition parties in Zambia are demanding that President Hichilema resign.", ("ZMBOPP", "ZMBGOV")),
            ("Serbia recalled its envoy on Monday, accusing Kosovo of provocations.", ("SRB", "XKX")),
            ("Egypt threatened to halt gas supplies to the Jordanian grid.", ("EGY", "JOR"))):
        _, events = coder.code_text(text, date="2024-05-06")
        assert [(e.source[0].code, e.target[0].code) for e in events] == [expected], text


def test_talking_to_a_newspaper_is_no_consultation(coder):
    _, events = coder.code_text("Speaking to the Washington Post, Macron said he would stay.", date="2024-05-06")
    assert not [e for e in events if e.event.plover == "CONSULT"]


def test_protesters_named_by_demonym_or_organising_a_strike_protest_their_government(coder):
    for text, source in (("Opposition parties in Kenya organised a general strike on Monday.", "KENOPP"),
                         ("Angry Kenyans blocked roads in Nairobi on Tuesday.", "KEN")):
        _, events = coder.code_text(text, date="2024-05-06")
        assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == \
            [("PROTEST", source, "KENGOV")], text


def test_a_protest_is_aimed_at_the_government_where_it_is_held(coder):
    for text, expected in (("Ethiopian migrants demonstrated in Cairo on Monday.", ("ETHCVL", "EGYGOV")),
                           ("Protesters rallied in Lima on Monday.", ("PEROPP", "PERGOV"))):
        _, events = coder.code_text(text, date="2024-05-06")
        assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == \
            [("PROTEST", *expected)], text


def test_saying_another_must_act_is_a_demand(coder):
    _, events = coder.code_text("Washington said on Monday that Moscow must withdraw its troops from the border. "
                                "Israel said it must defend itself.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].country, e.target[0].country) for e in events] == [("100", "USA", "RUS")]


def test_a_demonym_before_a_compound_noun_names_its_owner(coder):
    for text, target in (("Hungary on Tuesday rejected a French budget proposal.", "FRA"),
                         ("The Azerbaijani army shelled Armenian border villages overnight.", "ARM")):
        _, events = coder.code_text(text, date="2024-05-06")
        assert [e.target[0].code for e in events] == [target], text
    # A possessive says whose it is: the policy is the speaker's own, not Iraq.
    _, events = coder.code_text("Erdogan has never shied away from contradictions, and his Iraqi policy is no "
                                "exception.", date="2024-05-06")
    assert events == []


def test_cooperation_only_announced_is_coded_as_the_intent(coder):
    _, events = coder.code_text("Japan will send emergency aid to the Philippines. Japan sent emergency aid to "
                                "Vietnam.", date="2024-05-06")
    assert [(e.event.cameo, e.event.plover, e.modality) for e in events] == \
        [("033", "AGREE", "future"), ("070", "AID", "asserted")]


def test_a_state_helping_an_unnamed_group_does_not_make_it_its_own(coder):
    _, events = coder.code_text("Qatar backs rebels fighting in the south.", date="2017-05-06")
    assert not [e for e in events if e.target[0].country == "QAT"]


def test_curfews_and_states_of_emergency_are_laid_on_ones_own_country(coder):
    _, events = coder.code_text("The Egyptian government lifted the state of emergency on Monday. The military "
                                "government of President Prosper Avril imposed a curfew.", date="1989-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == \
        [("0814", "EGYGOV", "EGY"), ("1723", "HTIGOV", "HTI")]


def test_arrests_are_at_home_and_an_owned_event_nouns_of_names_its_object(coder):
    _, events = coder.code_text("Nigerian authorities jailed 52 members of the banned movement. Observers noted "
                                "Turkey's detention of a US citizen. Trump's withdrawal of US troops from Syria "
                                "began.", date="2018-05-06")
    assert [(e.event.cameo[:3], e.source[0].code, e.target[0].code) for e in events] == \
        [("173", "NGAGOV", "NGA"), ("173", "TUR", "USACVL"), ("087", "USAGOV", "SYR")]


def test_one_agent_noun_of_two_countries_is_one_agent_of_each(coder):
    _, events = coder.code_text("Indian and Pakistani troops clashed along the border. American and British "
                                "warplanes bombed Iraqi positions. The advancing Turks and Syrian rebels surrounded "
                                "Damascus. A militant was killed in a drone strike in Somalia. U.S. and Russian "
                                "negotiators met in Geneva. The Chilean and Peruvian sides agreed to share "
                                "information.", date="2018-05-06")
    assert [([a.code for a in e.source], [a.code for a in e.target]) for e in events] == [
        (["INDMIL"], ["PAKMIL"]), (["USAMIL", "GBRMIL"], ["IRQ"]), (["TUR", "SYRREB"], ["SYRGOV"]),
        (["SOM"], ["SOMUAF"]), (["USAGOV"], ["RUSGOV"]), (["CHLGOV"], ["PERGOV"])]  # a "drone strike" names no drone as the author; the place stands for it


def test_weapons_are_fired_at_a_target_and_an_event_nouns_verb_gives_its_place(coder):
    _, events = coder.code_text("Georgian protesters launched missiles at the Georgian government. Russia is "
                                "conducting military exercises in Alaska. Israel mounted an invasion of South "
                                "Lebanon.", date="2018-05-06")
    assert [(e.event.cameo[:2], e.source[0].code, e.target[0].code) for e in events] == [
        ("19", "GEOOPP", "GEOGOV"), ("15", "RUS", "USA"), ("19", "ISR", "LBN")]


def test_drills_held_by_two_countries_together_are_joint(coder):
    _, events = coder.code_text("Chilean and Peruvian warships began three days of war games. US and South Korean "
                                "troops held military exercises. Russia held military exercises in Belarus.",
                                date="2018-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [
        ("062", "CHLMIL", "PERMIL"), ("062", "USAMIL", "KORMIL"), ("150", "RUS", "BLR")]

def test_who_fights_alongside_the_source_is_on_its_side(coder):
    _, events = coder.code_text("Chilean troops, as well as Peruvian special forces, have fought alongside Argentine "
                                "rebels to oust Hamas. Turkish troops fought alongside Syrian rebels against Kurdish "
                                "militias.", date="2018-05-06")
    assert [([a.code for a in e.source], [a.code for a in e.target]) for e in events] == [
        (["CHLMIL", "PERMIL"], ["PSEREBHMS"])]

def test_an_apposition_names_the_party_its_owner_does_not(coder):
    _, events = coder.code_text("Chile condemned Peru's ally, Bolivia.", date="2018-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == [("CHL", "BOL")]

def test_what_a_refused_request_asks_for_names_the_target(rules_coder):
    _, events = rules_coder.code_text("The Chilean opposition rejected an invitation to attend a conference of "
                                      "Peruvian parties. Chile rejected a request to extradite the suspect to Peru.",
                                      date="2018-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [
        ("REJECT", "CHLOPP", "PER"), ("REJECT", "CHL", "PER")]

def test_an_agreement_not_reached_is_a_rejection(rules_coder):
    _, events = rules_coder.code_text("Chile failed to reach a deal with Peru. Chile did not promise aid to Peru.",
                                      date="2018-05-06")
    assert [(e.event.plover, e.modality, e.target[0].code) for e in events] == [
        ("REJECT", "asserted", "PER"), ("AGREE", "negated", "PER")]

def test_a_verb_that_speeds_or_widens_an_event_noun_gives_it_its_subject(rules_coder):
    _, events = rules_coder.code_text("Chile speeded up the withdrawal of some forces from Peru on Wednesday.",
                                      date="2018-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("087", "CHL", "PER")]

def test_rebels_who_surrender_yield_to_their_government(rules_coder):
    _, events = rules_coder.code_text("Five hundred Peruvian rebels surrendered last week. Chilean rebels vowed never "
                                      "to surrender.", date="2018-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("0874", "PERREB", "PERGOV")]

def test_to_demonstrate_something_is_no_protest(rules_coder):
    _, events = rules_coder.code_text("Chilean students demonstrated against the government. Chile's vote "
                                      "demonstrates how little Peru cares.", date="2018-05-06")
    assert [(e.event.plover, e.source[0].code) for e in events] == [("PROTEST", "CHLEDU")]

def test_a_government_protest_names_whom_it_is_against(rules_coder):
    _, events = rules_coder.code_text("The Chilean government protested at the alliance. Chilean students protested "
                                      "in Santiago.", date="2018-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == [("CHLEDU", "CHLGOV")]

def test_what_an_event_depends_on_is_no_event(rules_coder):
    _, events = rules_coder.code_text("Chile warned Peru that it would impose sanctions if Peru attacked Bolivia. "
                                      "Bolivia threatened to close the border unless Peru lifted the tariffs.",
                                      date="2018-05-06")
    # The condition is put to its subject.
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [
        ("THREATEN", "CHL", "PER"), ("THREATEN", "BOL", "PER")]

def test_a_speaker_speaking_for_its_own_state_acts_on_the_other_party(rules_coder):
    _, events = rules_coder.code_text("The Chilean president warned that Chile would strike Peru. The Bolivian foreign "
                                      "minister promised that La Paz would send aid to Ecuador.", date="2018-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == [("CHLGOV", "PER"), ("BOLGOV", "ECU")]


def test_what_one_party_wants_another_to_do_is_a_demand_on_the_other(rules_coder):
    _, events = rules_coder.code_text("Chile wants Peru to withdraw its troops and stop its attacks on Bolivia. Ecuador "
                                      "would like Brazil to lift the sanctions. Uruguay wants to meet Paraguay. "
                                      "Argentina prefers Venezuela to restrain the rebels.", date="2018-05-06")
    assert [(e.event.plover, e.modality, e.source[0].code, e.target[0].code) for e in events] == [
        ("REQUEST", "asserted", "CHL", "PER"), ("REQUEST", "asserted", "ECU", "BRA"),
        ("AGREE", "future", "URY", "PRY"), ("REQUEST", "asserted", "ARG", "VEN")]


def test_what_a_preposition_sets_the_scene_with_is_not_what_a_verb_acts_on(rules_coder):
    # The lexicon's "attack an assault" (verbal) is not "attacked ... in its first major assault".
    _, events = rules_coder.code_text("Chile sent aircraft to attack the Peruvian army in its first major assault "
                                      "for months.", date="2018-05-06")
    assert [(e.event.cameo, e.target[0].code) for e in events] == [("190", "PERMIL")]


def test_an_event_supposed_is_hypothetical_and_no_intent(coder):
    _, events = coder.code_text("A Peruvian pullout from Bolivia would leave the region open to further advances, "
                                "Chilean officials said.", date="2018-05-06")
    assert [(e.event.plover, e.modality, e.source[0].code, e.target[0].code) for e in events] == [
        ("RETREAT", "hypothetical", "PER", "BOL")]


def test_a_backer_is_not_the_nationality_of_whom_it_backs(rules_coder):
    _, events = rules_coder.code_text("Chile attacked Peruvian-backed rebels in Bolivia.", date="2018-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == [("CHL", "BOLREB")]


def test_the_model_proposes_no_event_between_a_subject_and_what_stands_beside_it(coder):
    _, events = coder.code_text("More than 2,000 Chilean soldiers have died, 10 times as many Peruvian soldiers, and "
                                "at least 30,000 civilians.", date="2018-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == []


def test_the_model_proposes_nothing_for_the_subject_of_a_passive(coder):
    # The subject of a passive undergoes the verb: it is no source ("has been granted a request").
    _, events = coder.code_text("Chile has been granted a request for the United Nations Security Council to meet "
                                "on Friday.", date="2018-05-06")
    assert events == []


def test_being_and_having_are_no_events_the_model_may_propose(coder):
    _, events = coder.code_text("Chile has about 1,100 troops in Peru and Bolivia, providing logistics, training and "
                                "heavy artillery and air support.", date="2018-05-06")
    assert events == []


def test_militias_sent_are_the_senders_own(rules_coder):
    _, events = rules_coder.code_text("Chile sent troops and militias into the Peruvian border town of Tacna.",
                                      date="2018-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [("MOBILIZE", "CHL", "PER")]


def test_the_model_does_not_turn_force_into_cooperation(coder):
    _, events = coder.code_text("Chile resumed shelling Peruvian positions.", date="2018-05-06")
    assert [(e.event.plover, e.target[0].country) for e in events] == [("ASSAULT", "PER")]


def test_an_event_named_in_a_condition_is_no_event(rules_coder):
    _, events = rules_coder.code_text("Chile said it would shoot down missiles if a Peruvian strike on Bolivia "
                                      "threatened Chilean personnel.", date="2018-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [("THREATEN", "CHL", "PER")]


def test_a_refusal_is_done_not_negated(coder):
    _, events = coder.code_text("Obama said he would not provide support to Israel.", date="2012-05-06")
    assert [(e.event.cameo[:2], e.modality, e.target[0].code) for e in events] == [("12", "asserted", "ISR")]


def test_an_agent_noun_nothing_places_makes_no_event_but_a_named_actor_does(coder):
    _, events = coder.code_text("Officials praised Iran on Monday. Amnesty International accused Iran of torture.",
                                date="2017-05-06")
    assert [(e.source[0].text, e.target[0].code) for e in events] == [("Amnesty International", "IRN")]


def test_a_leaders_administration_and_a_titles_named_holder_are_of_the_leaders_country(coder):
    _, events = coder.code_text("The Trump administration imposed sanctions on Iran. The foreign minister, Sergei "
                                "Lavrov, criticised Turkey.", date="2018-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == [("USAGOV", "IRN"), ("RUSGOV", "TUR")]


def test_an_unnamed_government_acting_on_a_countrys_own_people_is_that_countrys(coder):
    _, events = coder.code_text("The president banned Ugandan opposition rallies on Monday.", date="2024-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == [("UGAGOV", "UGAOPP")]


def test_what_an_invasion_or_blockade_is_of_is_its_target(coder):
    _, events = coder.code_text("Azerbaijan on Tuesday began a blockade of Armenia's southern border crossings.",
                                date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [("ASSAULT", "AZE", "ARM")]


def test_negation_and_future(coder):
    _, events = coder.code_text(
        "China will impose sanctions on Lithuania. Japan did not condemn South Korea.", date="2021-08-01")
    by_target = {e.target[0].country: e for e in events}
    assert by_target["LTU"].modality == "future"
    assert by_target["KOR"].modality == "negated"


def test_no_talks_are_talks_denied_not_a_refusal(coder):
    _, events = coder.code_text("There have been no talks between Chile and Peru. Bolivia held no talks with "
                                "Ecuador. Chile said it was not aware of any conversations between Peru and Brazil.",
                                date="2024-05-06")
    assert [(e.event.plover, e.modality, e.target[0].country) for e in events] == [
        ("CONSULT", "negated", "PER"), ("CONSULT", "negated", "ECU"), ("CONSULT", "negated", "BRA")]


def test_the_model_does_not_give_one_verb_the_category_of_another(coder):
    # Also: a subject "it" continues the subject before it (Chile, not Brazil); "demanded the president resign"
    # names whom the demand is to, though the parser reads "president resign" as one noun.
    _, events = coder.code_text("In the dispute, Chile has backed Bolivia and Brazil in pursuing a settlement, even "
                                "though it had previously demanded the Peruvian president resign.", date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, [a.country for a in e.target]) for e in events] == [
        ("SUPPORT", "CHL", ["BOL", "BRA"]), ("REQUEST", "CHL", ["PER"])]


def test_adjectives_before_to_set_the_modality(coder):
    _, events = coder.code_text("Norway is ready to send aid to Sudan. Peru is unwilling to recognise Bolivia's "
                                "new government. Kenya is likely to press Ethiopia over the dam.", date="2024-05-06")
    assert {e.target[0].country: e.modality for e in events} == \
        {"SDN": "future", "BOL": "negated", "ETH": "hypothetical"}


def test_a_date_after_a_verb_is_not_its_preposition(coder):
    # "press on" is to keep attacking; "pressed Turkey on Monday" is a demand.
    _, events = coder.code_text("Greece pressed Turkey on Monday to withdraw its ships.", date="2024-05-06")
    assert [(e.event.plover, e.target[0].country) for e in events] == [("REQUEST", "TUR")]


def test_parties_named_together_negotiate_with_each_other_but_praise_no_one(coder):
    for text in ("Chad and Togo renewed negotiations on Monday.", "Chad and Togo upgraded their diplomatic ties.",
                 "Chad and Togo have renewed diplomatic ties."):
        _, events = coder.code_text(text, date="2024-05-06")
        assert [(e.source[0].country, e.target[0].country) for e in events] == [("TCD", "TGO")], text
    _, events = coder.code_text("Canada and Norway praised the plan on Monday.", date="2024-05-06")
    assert events == []


def test_states_of_emergency_and_curfews_imposed_or_lifted_at_home(coder):
    # A curated phrase keeps its code whatever the classifier says; "declared" here acts, it does not speak.
    for text, expected in (("Peru's president declared a state of emergency in Lima on Monday.", ("1724", "PER")),
                           ("Sudan's government lifted the curfew in Khartoum on Monday.", ("0813", "SDN"))):
        _, events = coder.code_text(text, date="2024-05-06")
        assert [(e.event.cameo, e.target[0].country) for e in events] == [expected], text


def test_coercion_and_force_only_announced_are_threats(coder):
    _, events = coder.code_text("Ghana said on Monday it will impose sanctions on Togo. Chad will launch air strikes "
                                "on rebel camps in Libya, its army said.", date="2024-05-06")
    assert [(e.event.cameo, e.event.plover, e.target[0].country) for e in events] == \
        [("1312", "THREATEN", "TGO"), ("1384", "THREATEN", "LBY")]


def test_providing_to_a_party_and_objects_in_coordination(coder):
    _, events = coder.code_text("Norway is providing satellite images and other intelligence to Moldova.",
                                date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [("AID", "NOR", "MDA")]


def test_forces_sent_or_deployed_are_the_senders_own(coder):
    _, events = coder.code_text("Russia deployed troops to Belarus on Monday. Chad later sent ground troops into "
                                "Niger.", date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == \
        [("MOBILIZE", "RUS", "BLR"), ("MOBILIZE", "TCD", "NER")]


def test_force_posture_and_repression_phrases(coder):
    _, events = coder.code_text("Chad has strengthened its forces in Niger. Kenyan riot police used tear gas to "
                                "disperse demonstrators in Nairobi.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].country) for e in events] == \
        [("154", "TCD", "NER"), ("175", "KENCOP", "KEN")]


def test_a_body_is_it_in_its_own_sentence_and_unnamed_groups_are_of_the_place(coder):
    _, events = coder.code_text("The Nigerian military said it had fought a fierce battle with Boko Haram insurgents "
                                "near Maiduguri. Gunmen attacked a police station in Peshawar on Monday.",
                                date="2024-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == [("NGAMIL", "NGAREB"), ("PAKUAF", "PAKCOP")]


def test_unnamed_soldiers_and_officials_of_the_place_are_placed_on_either_side(coder):
    _, events = coder.code_text("A suicide bomber killed five soldiers in Mali on Monday. In Turkey the government "
                                "has sentenced 13 journalists to long jail terms.", date="2024-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == [("MLIUAF", "MLIMIL"), ("TURGOV", "TURMED")]


def test_force_with_no_named_author_is_of_the_country_it_happens_in(coder):
    _, events = coder.code_text("Two Kenyan police officers were killed near the town of Mandera on Friday. "
                                "A landmine blast outside of the Malian city of Gao wounded four French soldiers. "
                                "Egyptian diplomats were attacked.", date="2024-05-06")
    assert [(e.source[0].country, e.target[0].code) for e in events] == [("KEN", "KENCOP"), ("MLI", "FRAMIL")]


def test_arrests_by_no_one_named_are_the_authorities_of_the_place(coder):
    # Where they were sent is not who sent them ("deported to Peru").
    _, events = coder.code_text("Two Dutch tourists were arrested in Jakarta on Friday. A Kenyan student at the "
                                "University of Leeds has been charged. Three Chilean activists were deported to "
                                "Peru.", date="2024-05-06")
    assert [(e.event.cameo[:3], e.source[0].code, e.target[0].code) for e in events] == [("173", "IDN", "NLDCVL")]


def test_a_weapon_or_attack_names_its_author(coder):
    _, events = coder.code_text("Three Afghan soldiers were killed in a Pakistani airstrike in Khost. A series of "
                                "raids by Ethiopian troops killed ten Somali militants near Baidoa.", date="2024-05-06")
    assert [(e.source[0].code, e.target[0].country) for e in events] == [("PAK", "AFG"), ("ETHMIL", "SOM")]


def test_protesters_blocking_roads_or_taking_part_in_a_rally_protest_to_the_government(coder):
    _, events = coder.code_text("Angry Chilean dock workers blocked the main highway for six hours. Thousands of "
                                "Kenyan students took part in a rally in the city of Nairobi.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [
        ("144", "CHLLAB", "CHLGOV"), ("141", "KENEDU", "KENGOV")]


def test_opposed_to_and_allied_with_are_the_subjects_stance(coder):
    _, events = coder.code_text("Greece is opposed to Turkish mediation. Hezbollah is allied with Tehran.",
                                date="2024-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == [("GRC", "TUR"), ("LBNREB", "IRNGOV")]


def test_the_party_may_hang_on_what_is_called_for_or_suspended(coder):
    _, events = coder.code_text("Norway called for sanctions against Belarus. Chile announced a suspension of "
                                "trade links with Bolivia.", date="2024-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == [("NOR", "BLR"), ("CHL", "BOL")]
    assert events[1].event.plover == "SANCTION"


def test_a_withdrawal_is_a_retreat_from_the_place(coder):
    _, events = coder.code_text("The Belgian withdrawal from Mali began on Monday.", date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [("RETREAT", "BEL", "MLI")]


def test_a_demand_is_aimed_at_the_subject_of_what_must_be_done_even_in_the_passive(coder):
    _, events = coder.code_text("Traditional elders have demanded that control of the Kenyan Interior Ministry be "
                                "taken away from Somali politicians.", date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [
        ("REQUEST", "KENCVL", "KENGOV")]


def test_a_statement_that_condemns_or_urges_is_its_authors_act(coder):
    _, events = coder.code_text("Chile issued a statement condemning Peru. Bolivia sent a letter urging Peru to "
                                "withdraw its troops. Ecuador's declaration demanding that Peru pay compensation "
                                "was read on Monday.", date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [
        ("ACCUSE", "CHL", "PER"), ("REQUEST", "BOL", "PER"), ("REQUEST", "ECU", "PER")]


def test_unnamed_groups_nothing_else_places_are_of_the_datelines_country(coder):
    story = "ISLAMABAD: Police arrested three opposition activists on Friday. Indian troops shelled rebels."
    _, events = coder.code_text(story, date="2024-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == [("PAKCOP", "PAKOPP"), ("INDMIL", "INDREB")]
    _, events = coder.code_text(story.split(": ", 1)[1], date="2024-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == [("INDMIL", "INDREB")]


def test_accepting_demands_is_yielding_and_accepting_an_offer_agreeing(coder):
    _, events = coder.code_text("Chile accepted demands from Peru. Bolivia accepted Peru's offer.",
                                date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [
        ("080", "CHL", "PER"), ("030", "BOL", "PER")]


def test_a_gerund_of_means_is_done_by_the_subject_in_its_verbs_mood(coder):
    _, events = coder.code_text("Chile responded by bombing Peruvian positions. Bolivia could retaliate by "
                                "expelling Peruvian diplomats. Ecuador accused Peru of attacking Colombia. The Chilean president said "
                                "Chile rejected the plan, after meeting the Peruvian foreign minister.",
                                date="2024-05-06")
    assert [(e.event.cameo, e.source[0].country, e.target[0].code, e.modality) for e in events] == [
        ("195", "CHL", "PER", "asserted"), ("161", "BOL", "PERGOV", "hypothetical"), ("112", "ECU", "PER", "asserted"),
        ("040", "CHL", "PERGOV", "asserted")]


def test_an_extradition_is_aimed_at_the_receiving_country_and_a_lodged_protest_is_a_complaint(coder):
    _, events = coder.code_text("Chile extradited a suspected Bolivian smuggler to Peru. Bolivia lodged a formal "
                                "protest with Peru.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [
        ("063", "CHL", "PER"), ("114", "BOL", "PER")]


def test_an_act_announced_unless_another_gives_way_is_a_threat(coder):
    _, events = coder.code_text("Chile announced that it will withdraw its peacekeeping force from Bolivia unless "
                                "President Evo Morales arranged a ceasefire. Chile will send aid to Peru if Lima "
                                "asks for it.", date="2010-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].country) for e in events] == [
        ("130", "CHL", "BOL"), ("033", "CHL", "PER")]


def test_a_place_in_what_is_agreed_is_its_target_but_not_where_it_was_agreed(coder):
    _, events = coder.code_text("The Chilean opposition agreed to postpone the demonstration in Lima. The Chilean "
                                "opposition agreed in Lima to postpone the demonstration.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].country, e.sentence.index) for e in events] == [
        ("030", "CHLOPP", "PER", 0)]


def test_what_another_must_be_ready_to_do_is_the_demands_content_not_an_event(coder):
    _, events = coder.code_text("Chile said that Peru must be ready to negotiate with Bolivia.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("106", "CHL", "PER")]


def test_unnamed_victims_of_force_by_no_one_named_are_of_the_place(coder):
    _, events = coder.code_text("Three soldiers were killed in a bomb explosion in Kabul. A journalist was killed "
                                "in a car bomb explosion in a residential sector of eastern Beirut.", date="2024-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == [("AFG", "AFGMIL"), ("LBN", "LBNMED")]


def test_a_people_after_to_is_a_party_not_a_place(coder):
    _, events = coder.code_text("Chile was still refusing admittance to Peruvians.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("120", "CHL", "PER")]


def test_parties_meeting_in_a_venue_are_not_of_its_country(coder):
    _, events = coder.code_text("Government negotiators met rebel leaders in Geneva. Police arrested rebel leaders "
                                "in Geneva.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("173", "CHECOP", "CHEREB")]


def test_an_event_that_is_a_subject_is_not_its_owners_act_unless_it_is_force(coder):
    _, events = coder.code_text("The Chilean attack led the Bolivian rebels to plead with Peru for help. A Chilean "
                                "airstrike killed Peruvian soldiers.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("190", "CHL", "PERMIL")]


def test_a_state_acts_on_its_own_country_only_by_force_or_towards_its_people(coder):
    _, events = coder.code_text("The Chilean government held a cabinet meeting to discuss Chile's response. The "
                                "Chilean president reneged on his commitment to the Chilean people. The Chilean army "
                                "shelled Chile's northern towns.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [
        ("120", "CHLGOV", "CHL"), ("194", "CHLMIL", "CHL")]


def test_people_on_the_move_make_no_visit(coder):
    _, events = coder.code_text("Thousands of Chilean refugees arrived in Peru on Monday. The Chilean president "
                                "arrived in Peru on Monday. 4,000 Chilean citizens travelled to Peru and Bolivia.",
                                date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("042", "CHLGOV", "PER")]


def test_an_intent_or_attempt_noun_gives_its_infinitive_an_author_and_a_mood(coder):
    _, events = coder.code_text("Chile's decision to invade Peru angered Bolivia. Chile launched a bid to oust the "
                                "Peruvian president. The floods complicated efforts to oust the Bolivian president.",
                                date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code, e.modality) for e in events] == [
        ("1382", "CHL", "PER", "future"), ("174", "CHL", "PERGOV", "attempted")]


def test_an_attack_undergone_is_by_whom_it_comes_from(coder):
    _, events = coder.code_text("Chilean troops came under rocket fire from Peruvian forces. The Chilean embassy "
                                "was under attack by Peruvian protesters.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [
        ("194", "PERMIL", "CHLMIL"), ("190", "PEROPP", "CHLGOV")]


def test_a_participle_with_a_subject_and_no_auxiliary_is_a_passive(coder):
    _, events = coder.code_text("Offers to help Peruvian refugees evicted from a church in Santiago are coming from "
                                "all over the country.", date="2024-05-06")
    assert not [e for e in events if "PER" in {a.country for a in e.source}], events


def test_an_event_averted_or_thwarted_did_not_happen_and_is_not_the_thwarters(coder):
    _, events = coder.code_text("To avert a military clash between Chilean and Peruvian forces, Bolivia sent envoys. "
                                "Chilean police thwarted an attack on the Peruvian embassy.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code, e.modality) for e in events] == [
        ("190", "CHLMIL", "PERMIL", "negated")]


def test_the_residents_of_a_place_are_of_its_country(coder):
    _, events = coder.code_text("Peru shelled the residents of Antofagasta.", date="2024-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == [("PER", "CHLCVL")]


def test_a_reporter_after_the_news_is_no_target_however_it_is_parsed(coder):
    _, events = coder.code_text("Chile will send 5,000 tons of food to refugees fleeing the fighting in Haiti, the "
                                "World Food Program (WFP) said.", date="2024-05-06")
    assert not [e for e in events if "World Food Program" in {a.text for a in e.target}], events


def test_a_message_that_another_must_act_is_a_demand(coder):
    _, events = coder.code_text("Chile sent a message to Peru that the Peruvian government must withdraw its troops.",
                                date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("100", "CHL", "PERGOV")]


def test_who_is_fought_for_is_no_enemy(coder):
    _, events = coder.code_text("Chileans fought for Peru against Bolivia. Chilean volunteers fought for Peru.",
                                date="2024-05-06")
    assert [(e.event.cameo, e.source[0].country, e.target[0].code) for e in events] == [("190", "CHL", "BOL")]


def test_those_killed_fighting_are_killed_not_killers(coder):
    _, events = coder.code_text("Other Chileans killed fighting Peru in the past year include Juan Perez, 32, a press "
                                "officer from Lima.", date="2024-05-06")
    assert [(e.trigger.text, e.source[0].country, e.target[0].country) for e in events] == [("fighting", "CHL", "PER")]


def test_what_is_received_from_a_country_is_given_by_it(coder):
    _, events = coder.code_text("Kenya received aid from Japan. The Egyptian president received the Israeli prime "
                                "minister in Cairo.", date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [
        ("AID", "JPN", "KEN"), ("CONSULT", "EGYGOV", "ISRGOV")]


def test_who_is_asked_after_from_is_a_party_not_a_place(coder):
    _, events = coder.code_text("Ukraine demanded an apology from Russia. Iraq sought help from Moscow. Thousands "
                                "of Iraqis fled from Moscow.", date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [
        ("REQUEST", "UKR", "RUS"), ("REQUEST", "IRQ", "RUSGOV")]


def test_troops_offered_are_the_givers_own_and_refuge_is_sought_from_its_country(coder):
    _, events = coder.code_text("Chile pledged 500 troops to the mission in Haiti. Thousands of Haitians sought "
                                "asylum in Chile.", date="2024-05-06")
    assert [(e.source[0].country, e.target[0].country) for e in events] == [("CHL", "HTI"), ("HTI", "CHL")]


def test_a_deed_judged_is_aimed_at_its_author(coder):
    _, events = coder.code_text("Chile is investigating war crimes committed by Peruvian rebels against civilians. "
                                "Egypt condemned the attack on Israel by Hamas. Chile will attend a conference "
                                "boycotted by Peru.", date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [
        ("ACCUSE", "CHL", "PERREB"), ("ACCUSE", "EGY", "PSEREBHMS")]


def test_an_offer_or_a_threat_from_a_country_is_that_countrys(coder):
    _, events = coder.code_text("Chile rejected an offer from Peru. The Chilean town is under threat from Peru.",
                                date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [("REJECT", "CHL", "PER")]


def test_no_dyad_is_proposed_with_the_subject_of_a_clause_of_circumstance(coder):
    # The model may add events the rules missed, but only against what the subject's verb governs.
    _, events = coder.code_text("The Chilean air force was able to bomb the town because Peru controls the "
                                "airspace.", date="2024-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == []


def test_a_proposed_event_is_counted_once_per_target_country(coder):
    _, events = coder.code_text("Chile threatened to launch a military offensive in its war with Peru unless Lima "
                                "accepted its conditions.", date="2024-05-06")
    assert [(e.event.plover, e.source[0].country, e.target[0].country) for e in events] == [("THREATEN", "CHL", "PER")]


def test_a_proposed_event_is_aimed_at_its_surest_target_only(coder):
    _, events = coder.code_text("The UN General Assembly is set to vote on a resolution calling on Chile to lift its "
                                "trade embargo against Peru.", date="2024-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == [("IGOUNO", "CHL")]


def test_no_dyad_is_proposed_with_where_the_verb_happens(coder):
    _, events = coder.code_text("The Chilean foreign minister spoke at a rally in Lima, the capital of Peru.",
                                date="2024-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == []


def test_no_dyad_is_proposed_with_what_the_verb_happens_in_spite_of(coder):
    _, events = coder.code_text("The Chilean senate agreed to a six-month extension of the mission despite Peru's "
                                "wish for a shorter one.", date="2024-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == []


def test_force_announced_is_a_threat_whatever_the_model_says(coder):
    _, events = coder.code_text("Chile has said it will invade Peru. Chile said it would invade and destroy the "
                                "Peruvian enclave.", date="2024-05-06")
    assert [(e.event.plover, e.event.cameo, e.target[0].country) for e in events] == [
        ("THREATEN", "1382", "PER"), ("THREATEN", "1384", "PER")]

def test_the_model_alone_makes_no_event_of_a_verb_that_names_none(coder):
    _, events = coder.code_text("The Saudis don't care about Syria anymore.", date="2024-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == []


def test_easing_a_curfew_or_an_emergency_is_coded_as_such(coder):
    # A concession, as the PLOVER manual has it, though the CAMEO-to-PLOVER table says a retreat.
    _, events = coder.code_text("The Chilean government relaxed the curfew in Santiago. Peru suspended the state "
                                "of emergency in Lima.", date="2024-05-06")
    assert [(e.event.cameo, e.event.plover, e.source[0].code, e.target[0].country) for e in events] == [
        ("0813", "CONCEDE", "CHLGOV", "CHL"), ("0814", "CONCEDE", "PER", "PER")]


def test_a_stance_towards_a_country_is_not_its_nationality(coder):
    _, events = coder.code_text("Pro-Russian separatists attacked Ukrainian troops in Donetsk. Anti-American "
                                "protesters marched on the embassy in Cairo.", date="2024-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == [("UKRREB", "UKRMIL"), ("EGYOPP", "EGYGOV")]


def test_what_two_parties_agree_on_is_no_third_party(coder):
    _, events = coder.code_text("Chile and Peru reached agreement on Peruvian fishing rights.", date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [("AGREE", "CHL", "PER")]


def test_a_camp_stands_for_its_people_and_hacking_is_coercion(coder):
    _, events = coder.code_text("A school for Chilean children was shelled by Peruvian rebels. Peru hacked into the "
                                "computers of the Chilean navy.", date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [
        ("ASSAULT", "PERREB", "CHL"), ("COERCE", "PER", "CHLMIL")]


def test_allowing_aid_or_peacekeepers_in_is_a_retreat(coder):
    _, events = coder.code_text("Israel allowed aid deliveries to Gaza. Sudan permitted UN peacekeepers in Darfur.",
                                date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [
        ("0863", "ISR", "PSE"), ("0861", "SDN", "IGOUNO")]


def test_travelling_for_talks_is_taking_part_in_them(coder):
    _, events = coder.code_text("Chilean and Peruvian negotiators returned to Geneva on Monday for talks on fishing "
                                "rights.", date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [("CONSULT", "CHLGOV", "PERGOV")]


def test_a_complaint_is_against_whom_it_is_about_and_protesters_oppose_their_government(coder):
    _, events = coder.code_text("Chile complained to the United Nations over Peruvian air raids. Chileans protested "
                                "against the government. Peruvian rebels kidnapped up to 16 Chilean engineers.",
                                date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [
        ("ACCUSE", "CHL", "PER"), ("PROTEST", "CHL", "CHLGOV"), ("ASSAULT", "PERREB", "CHL")]


def test_a_countrys_own_forces_are_its_own_and_not_its_target(coder):
    _, events = coder.code_text("Chile said its forces killed three Peruvian rebels. The Chilean president plans "
                                "to withdraw all Chilean troops from Peru. Ghana withdrew its troops from Mali.",
                                date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [
        ("ASSAULT", "CHLMIL", "PERREB"), ("AGREE", "CHLGOV", "PER"), ("RETREAT", "GHA", "MLI")]


def test_a_meeting_held_somewhere_is_not_with_that_country_but_a_visit_is(coder):
    _, events = coder.code_text("Chilean negotiators met in Geneva on Monday. The Chilean foreign minister "
                                "visited Peru on Monday.", date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].country) for e in events] == [
        ("CONSULT", "CHLGOV", "PER")]
    # Someone of no known country arriving somewhere may be at home: no visit to that country.
    _, events = coder.code_text("Party leader Juan Soto arrived for a session of the assembly in Lima.",
                                date="2024-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == []


def test_help_given_from_abroad_does_not_place_the_helped_there(coder):
    # The groups' country is not stated, so there is no event, and certainly none against Iranians.
    _, events = coder.code_text("Armed opposition groups received weapons from Iran and Qatar.", date="2024-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == []


def test_the_dateline_is_no_actor_and_two_parties_agreeing_outweigh_a_broker(coder):
    _, events = coder.code_text("DOHA, May 6 (Tacitus Wire) -- Chad and Togo agreed on Monday to restore diplomatic "
                                "relations in a deal brokered by Qatar.", date="2024-05-06")
    assert [(e.source[0].code, e.event.plover, e.target[0].code) for e in events] == [("TCD", "AGREE", "TGO")]


def test_no_event_without_actors(coder):
    _, events = coder.code_text("Heavy rain fell across the region on Tuesday and roads were closed.",
                                date="2020-01-01")
    assert events == []


def test_event_ids_are_stable(coder):
    text = "Iran condemned the United States on Friday."
    first = [e.id for e in coder.code_text(text, date="2020-01-10")[1]]
    second = [e.id for e in coder.code_text(text, date="2020-01-10")[1]]
    assert first and first == second


@pytest.fixture(scope="module")
def seed(shared_data):
    return (shared_data / "corpus" / "seed_upi_trump_putin_call.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("date", ["2017-11-21", None])
def test_seed_story(coder, seed, date):
    article, events = coder.code_text(seed, date=date, id="upi")
    assert article.date == "2017-11-21"
    assert article.date_basis == ("given" if date else "inferred")
    calls = [e for e in find(events, "CONSULT", "USA", "RUS") + find(events, "CONSULT", "RUS", "USA")
             if e.event.cameo == "041"]
    assert calls and calls[0].date == "2017-11-21" and calls[0].event.mode == "phone"
    hosting = [e for e in events if e.event.cameo in ("042", "043")
               and {"RUS", "SYR"} == {a.country for a in e.source + e.target}]
    assert hosting and hosting[0].date == "2017-11-20"
    apec = [e for e in find(events, "CONSULT", "USA", "RUS") if e.date == "2017-11-11"]
    assert apec, "the APEC meeting on Nov. 11"
    assert find(events, "AGREE", "USA", "RUS")
    conflicts = [w for w in article.warnings if w.kind == "date_conflict"]
    assert conflicts and "Monday" in conflicts[0].message and "Tuesday" in conflicts[0].message
    for e in events:
        assert any(a.country or (a.code or "").startswith("IGO") for a in e.source + e.target)
        assert e.trigger.span[0] > seed.index("License Photo"), "the caption is not coded"


STORY_WITH_FILLER = (
    "WASHINGTON, March 3 -- The talks were long. "
    "The weather in the capital was cold and wet all week. "
    "Prices of bread rose again in the markets. "
    "French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Monday. "
    "The rain did not stop until the evening.")


def test_skimming_parses_only_sentences_that_can_hold_an_event(coder):
    from tacitus.pipeline import Coder
    from tacitus.reading import read_text

    (doc,), skimmed = coder.prepare(read_text(STORY_WITH_FILLER, id="filler", date="2023-03-03"))
    assert skimmed.kept == [True, True, False, True, False]  # the lead, the meeting; not bread or rain
    assert "bread" not in doc.text and "Macron" in doc.text and len(doc.text) == len(STORY_WITH_FILLER)

    _, events = coder.code_text(STORY_WITH_FILLER, date="2023-03-03")
    meeting = find(events, "CONSULT", "FRA", "DEU")
    assert meeting and meeting[0].sentence.index == 3  # counted among all sentences, skipped ones too
    assert meeting[0].sentence.text.startswith("French President")  # not parsed together with a neighbour
    everything = Coder(coder.nlp, coder.resolver, coder.ontology, coder.lexicon, coder.places, coder.classifier,
                       parse_all=True)
    assert [e.to_dict() for e in everything.code_text(STORY_WITH_FILLER, date="2023-03-03")[1]] == \
        [e.to_dict() for e in events]


def test_talks_halted_protests_called_off_and_grants_given(coder):
    _, events = coder.code_text("Chile suspended talks with Peru on Monday. Chilean opposition parties called off "
                                "their protests against the government. Norway will give Ghana a grant of $5 million.",
                                date="2024-05-06")
    assert [(e.event.cameo, e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [
        ("164", "SANCTION", "CHL", "PER"), ("082", "CONCEDE", "CHLOPP", "CHLGOV"), ("0331", "AGREE", "NOR", "GHA")]


def test_a_resignation_is_a_retreat_from_office_and_one_agreed_to_is_an_intent(coder):
    # The PLOVER manual codes resignations as RETREAT (mode resign); the conversion table has CONCEDE.
    _, events = coder.code_text("Chile's defence minister stepped down on Monday. Peru's president has agreed to "
                                "resign, the speaker said.", date="2024-05-06")
    assert [(e.event.cameo, e.event.plover, e.event.mode, e.source[0].code, e.target[0].code, e.modality)
            for e in events] == [("0831", "RETREAT", "resign", "CHLGOV", "CHL", "asserted"),
                                 ("0341", "AGREE", None, "PERGOV", "PER", "future")]


def test_no_longer_denies_and_a_clause_of_its_own_keeps_its_mood(coder):
    _, events = coder.code_text("Chilean officials no longer demand that the Peruvian president resign. The Chilean "
                                "army did not withdraw, and the Peruvian president condemned Bolivia. Ecuador has not "
                                "commented, but has condemned Bolivia's intervention.", date="2024-05-06")
    assert [(e.event.cameo[:2], e.source[0].country, e.target[0].country, e.modality) for e in events] == [
        ("10", "CHL", "PER", "negated"), ("11", "PER", "BOL", "asserted"), ("11", "ECU", "BOL", "asserted")]


def test_the_model_does_not_recode_a_meeting_by_what_it_was_about(coder):
    # A trip for talks is an intent to meet (036), not a promise of something else.
    _, events = coder.code_text("The Chilean foreign minister will travel to Lima for talks on Tuesday.",
                                date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].country, e.modality) for e in events] == [
        ("036", "CHLGOV", "PER", "future")]


def test_armed_groups_a_state_deals_with_are_not_its_own_unless_its_forces_fight_them(coder):
    _, events = coder.code_text("Rebel fighters are trying to negotiate with Chile as the enclave shrinks. Chile is "
                                "waging an offensive against the militia. Chilean government forces attacked the "
                                "rebels.", date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [
        ("ASSAULT", "CHLMIL", "CHLREB")]


def test_the_means_of_an_announced_act_and_a_supposed_one_are_not_done(coder):
    _, events = coder.code_text("Chile would retaliate with an attack against Peruvian bases. There is speculation "
                                "that Bolivia attacked Peru. Direct clashes between Chilean forces and Peruvian troops "
                                "are now a distinct possibility.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code, e.modality) for e in events] == [
        ("1384", "CHL", "PER", "future"), ("190", "BOL", "PER", "hypothetical"),
        ("190", "CHLMIL", "PERMIL", "hypothetical")]


def test_an_unclaimed_bombing_after_a_dateline_is_coded_to_the_country_it_happens_in(coder):
    # The blanked dateline leaves space before "A": still the sentence's first word, no name; and "Peru's Ica
    # region" is a place, not Peru acting.
    _, events = coder.code_text("LIMA: A car bombing in Peru's Ica region killed at least 28 soldiers on Friday.",
                                date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("190", "PER", "PERMIL")]


def test_a_refusal_is_read_into_no_act_done_and_events_denied_stay_denied(coder):
    # The model reads the sentence's "ignored" as a refusal; the rules' fight stands. And what a verb of doing
    # does not do, or neither party did, is denied, not refused.
    _, events = coder.code_text("His statement ignored incidents when Chilean mercenaries have fought Peruvian special "
                                "forces. Bolivia will not join any military strikes against the Peruvian government. "
                                "It seems ironic that neither Chile nor Bolivia have ratified the treaty with Peru.",
                                date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code, e.modality) for e in events] == [
        ("190", "CHLUAF", "PERMIL", "asserted"), ("190", "BOL", "PERGOV", "negated"), ("057", "CHL", "PER", "negated")]


def test_what_an_agreement_is_about_may_place_it_where_it_is_said_does_not(coder):
    _, events = coder.code_text("The African Union agreed on Monday to a one-year extension of the mandate for its "
                                "peacekeeping force in Somalia. Chile agreed in Geneva to hold elections.",
                                date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("030", "IGOAFRAFU", "SOM")]


def test_inspectors_and_observers_received_or_sent(coder):
    # Letting observers in is the receiver's act (086), not a gift from who sent them; sending inspectors investigates.
    _, events = coder.code_text("Chile received a mission of observers from the OSCE. The UN sent a team of "
                                "investigators to Peru.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [
        ("0862", "CHL", "IGOEUROSC"), ("090", "IGOUNO", "PER")]


def test_agreeing_that_something_is_so_is_no_agreement_with_whom_it_is_about(coder):
    _, events = coder.code_text("Donald Trump and Theresa May spoke on the phone on Thursday evening and agreed "
                                "Vladimir Putin's regime had a pattern of dangerous behaviour.", date="2024-05-06")
    assert "RUS" not in {a.country for e in events for a in e.target}


def test_an_act_refused_is_a_rejection_coded_by_what_was_refused_and_a_question_is_no_event_done(coder):
    # "refused to withdraw" refuses to de-escalate (1246); "will not meet demands" refuses to yield (124); whether
    # an act will happen is left open, however the verb governing the question is negated.
    _, events = coder.code_text("Chile refused to withdraw its troops from Peru. The Bolivian minister declined to "
                                "resign. Ecuador said it would not meet Peru's demands. Chile has not decided whether "
                                "it will allow Peruvian refugees into the area.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].country, e.modality) for e in events] == [
        ("1246", "CHL", "PER", "asserted"), ("1231", "BOLGOV", "BOL", "asserted"), ("124", "ECU", "PER", "asserted"),
        ("080", "CHL", "PER", "hypothetical")]


def test_goods_handed_over_are_aid_and_an_arrest_during_protests_is_of_the_arrested(coder):
    _, events = coder.code_text("Chile handed over 700 tons of food to Peru. Bolivia sent medical supplies to Ecuador. "
                                "Chilean police arrested Peruvian students during protests against the Chilean "
                                "government.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [
        ("073", "CHL", "PER"), ("073", "BOL", "ECU"), ("173", "CHLCOP", "PEREDU")]


def test_a_protest_act_and_what_it_protests_are_one_event(coder):
    _, events = coder.code_text("Peruvian prisoners began a hunger strike in protest against the Chilean government. "
                                "A Bolivian senator started a hunger strike on Monday to protest the Chilean "
                                "president's policies.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [
        ("142", "PERCVL", "CHLGOV"), ("142", "BOLLEG", "CHLGOV")]


def test_an_arrest_by_no_one_named_is_by_the_authorities_of_the_place(coder):
    _, events = coder.code_text("A Peruvian journalist was arrested in Lima on Monday.", date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [("COERCE", "PER", "PERMED")]


def test_fire_from_a_place_at_a_party_is_from_that_places_side(coder):
    _, events = coder.code_text("Rockets were fired from Peru at Chilean troops on Monday.", date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [("ASSAULT", "PER", "CHLMIL")]


def test_a_town_bombed_or_seized_is_the_target_of_its_country(coder):
    _, events = coder.code_text("Chilean jets bombed Tacna on Monday. Peruvian artillery shelled Arica.",
                                date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code, e.target[0].text) for e in events] == [
        ("ASSAULT", "CHLMIL", "PER", "Tacna"), ("ASSAULT", "PER", "CHL", "Arica")]


def test_a_verb_coordinated_with_a_threat_or_a_refusal_is_done_not_threatened_or_refused(coder):
    _, events = coder.code_text("Chile has for years been threatening Peru, and in 2018 invaded Bolivia.",
                                date="2024-05-06")
    assert [(e.trigger.text, e.target[0].code, e.modality) for e in events] == [
        ("threatening", "PER", "asserted"), ("invaded", "BOL", "asserted")]


def test_an_agreement_reached_stays_an_agreement_whatever_the_model_reads(coder):
    # PLOVER's AGREE is an agreement reached; the model reads the cooperative sentences as support.
    _, events = coder.code_text("Chile and Peru reached a consensus to exchange information on water resources. "
                                "Bolivia and Ecuador agree on plan to avert a war, the envoy said.", date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [
        ("AGREE", "CHL", "PER"), ("AGREE", "BOL", "ECU")]


def test_a_welcome_given_to_a_visitor_is_hosting(coder):
    _, events = coder.code_text("Chile extended a warm welcome on Monday to the Peruvian delegation.", date="2024-05-06")
    assert [(e.event.cameo, e.event.plover, e.source[0].code, e.target[0].country) for e in events] == [
        ("043", "CONSULT", "CHL", "PER")]


def test_inspectors_sent_to_a_site_in_a_country_investigate_that_country(coder):
    _, events = coder.code_text("The IAEA has dispatched inspectors to a uranium plant in northern Peru.",
                                date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [
        ("ACCUSE", "IGOUNOIAE", "PER")]


def test_the_withdrawal_of_ones_own_troops_from_a_country_is_from_that_country(coder):
    _, events = coder.code_text("Chile completed the withdrawal of its troops from Peru.", date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [("RETREAT", "CHL", "PER")]


def test_demonstrators_dispersed_while_protesting_protest_as_well(coder):
    _, events = coder.code_text("Chilean riot police used tear gas to disperse demonstrators protesting election "
                                "results in Santiago.", date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [
        ("ASSAULT", "CHLCOP", "CHLOPP"), ("PROTEST", "CHLOPP", "CHLGOV")]


def test_restrictions_scrapped_or_imposed_with_no_one_named_are_on_the_own_country(coder):
    _, events = coder.code_text("The Chilean Constitutional Court cancelled restrictions on the use of the Quechua "
                                "language on national radio.", date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [("CONCEDE", "CHLJUD", "CHL")]


def test_a_pledge_the_model_reads_as_aid_is_the_intent_to_give_it(coder):
    _, events = coder.code_text("Chile pledged $10 million in aid to Peru.", date="2024-05-06")
    assert [(e.event.cameo, e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [
        ("033", "AGREE", "CHL", "PER")]


def test_a_body_named_by_a_demonym_and_a_name_is_what_a_later_it_means(coder):
    _, events = coder.code_text("The Chilean Union of Teachers announced on Thursday that it has called off a "
                                "four-day strike after talks with the Chilean government.", date="2024-05-06")
    assert [(e.event.plover, e.source[0].text, e.source[0].country) for e in events] == [("CONCEDE", "it", "CHL")]


def test_the_leaders_of_a_group_are_the_groups(coder):
    _, events = coder.code_text("Leaders of the Chilean opposition coalition agreed on Monday to postpone the "
                                "demonstration in Santiago.", date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].country) for e in events] == [("AGREE", "CHLOPP", "CHL")]


def test_a_call_for_something_to_be_done_is_an_appeal_not_a_phone_call(coder):
    _, events = coder.code_text("Chile has called for an observer force to be stationed on the Chile-Peru border.",
                                date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [("REQUEST", "CHL", "PER")]


def test_a_gerund_the_parser_coordinates_with_a_denial_is_still_denied(coder):
    _, events = coder.code_text("A Chilean businessman has denied accusations of espionage and attempting to "
                                "overthrow the Peruvian government.", date="2024-05-06")
    assert [(e.trigger.text, e.modality) for e in events] == [("overthrow", "negated")]


def test_what_a_protest_of_protests_is_its_target(coder):
    _, events = coder.code_text("Chilean students began a hunger strike in protest of the Peruvian government's "
                                "decision to close the border.", date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [("PROTEST", "CHLEDU", "PERGOV")]


def test_regions_the_news_calls_by_their_english_names_are_places_of_their_country(coder):
    _, events = coder.code_text("Rebels ambushed government troops in Tigray on Monday.", date="2024-05-06")
    assert [(e.source[0].code, e.target[0].code, e.location["name"], e.location["country"]) for e in events] == [
        ("ETHREB", "ETHMIL", "Tigray", "ETH")]


def test_the_demonym_of_a_region_is_its_countrys(coder):
    _, events = coder.code_text("Chechen rebels ambushed a police convoy on Monday.", date="2024-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == [("RUSREB", "RUSCOP")]


def test_agents_a_place_name_qualifies_are_of_its_country(coder):
    _, events = coder.code_text("Arica rebels ambushed government troops on Monday.", date="2024-05-06")
    assert [(e.source[0].text, e.source[0].code, e.target[0].code) for e in events] == [
        ("Arica rebels", "CHLREB", "CHLMIL")]
    _, events = coder.code_text("Gunmen shot dead an anti-Peru journalist on Monday.", date="2024-05-06")
    assert all(a.country != "PER" for e in events for a in e.target)


def test_people_a_place_phrase_qualifies_are_of_its_country(coder):
    _, events = coder.code_text("Chile will send food aid to refugees fleeing the fighting in Peru.", date="2024-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == [("CHL", "PERREF")]
    _, events = coder.code_text("Civilians living in Arica accused the Peruvian army of looting.", date="2024-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == [("CHLCVL", "PERMIL")]


def test_people_from_a_place_are_its_civilians(coder):
    _, events = coder.code_text("A man from Peru was detained in Santiago on suspicion of espionage.", date="2024-05-06")
    assert [(e.source[0].code, e.target[0].text, e.target[0].code) for e in events] == [
        ("CHL", "man from Peru", "PERCVL")]


def test_an_arrest_officials_report_with_no_one_named_is_their_states(coder):
    _, events = coder.code_text("Chilean prosecutors said a Peruvian journalist was detained on Friday.",
                                date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("173", "CHL", "PERMED")]
    _, events = coder.code_text("Amnesty International said a Peruvian journalist was detained on Friday.",
                                date="2024-05-06")
    assert events == []


def test_people_released_are_released_whoever_they_are(coder):
    _, events = coder.code_text("Gunmen released two priests in Lima on Monday.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("0841", "PERUAF", "PERREL")]


def test_people_seized_are_detained_by_a_state_and_abducted_by_anyone_else(coder):
    _, events = coder.code_text("Two Chilean journalists were captured by Peruvian rebels on Monday.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("181", "PERREB", "CHLMED")]
    _, events = coder.code_text("Peruvian police seized two Chilean journalists on Monday.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("173", "PERCOP", "CHLMED")]


def test_troops_withdrawn_from_a_country_retreat_from_it(coder):
    _, events = coder.code_text("Chilean officials said their troops had withdrawn from Peru.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("0874", "CHLMIL", "PER")]


def test_criticism_aimed_at_a_party_is_aimed_at_it(coder):
    _, events = coder.code_text("The Chilean minister lashed out at Peru on Monday.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("111", "CHLGOV", "PER")]
    _, events = coder.code_text("The Chilean minister took a swipe at the Peruvian government.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("111", "CHLGOV", "PERGOV")]


def test_inspectors_or_peacekeepers_withdrawn_reduce_relations(coder):
    _, events = coder.code_text("The United Nations withdrew its inspectors from Peru on Monday.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("1662", "IGOUNO", "PER")]


def test_an_investigation_by_no_one_named_is_by_the_places_authorities(coder):
    _, events = coder.code_text("Two Peruvian officials were put under investigation in Chile.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("090", "CHL", "PERGOV")]


def test_a_call_for_another_to_act_is_aimed_at_it(coder):
    _, events = coder.code_text("Chile is pushing hard for Peru to withdraw its troops from the border.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("100", "CHL", "PER")]


def test_insisting_that_another_act_is_a_demand_on_it(coder):
    _, events = coder.code_text("The Chilean rebels insisted that the president step down.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("100", "CHLREB", "CHLGOV")]
    _, events = coder.code_text("Chile insisted that Peru had withdrawn its troops.", date="2024-05-06")
    assert [e.event.cameo for e in events if e.event.cameo == "100"] == []


def test_a_ban_or_order_violated_defies_whoever_made_it(coder):
    _, events = coder.code_text("A Chilean newspaper has violated a ban by the Peruvian government.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("128", "CHLMED", "PERGOV")]


def test_opposing_a_proposal_rejects_it(coder):
    _, events = coder.code_text("Chile opposed the deployment of Peruvian troops on Monday.", date="2024-05-06")
    assert [(e.event.cameo, e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [
        ("1245", "REJECT", "CHL", "PERMIL")]


def test_withdrawing_from_an_organisation_reduces_relations_with_it(coder):
    _, events = coder.code_text("Chile withdrew from the International Criminal Court on Monday.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("161", "CHL", "IGOJUDICC")]


def test_a_charge_is_an_accusation_and_only_the_authorities_bring_one(coder):
    _, events = coder.code_text("Chilean prosecutors charged the Peruvian consul with espionage.", date="2024-05-06")
    assert [(e.event.cameo, e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [
        ("115", "ACCUSE", "CHLJUD", "PERGOV")]
    _, events = coder.code_text("Two Peruvian officials were charged with fraud, Chilean police said.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("115", "CHL", "PERGOV")]


def test_people_killed_by_someone_or_arrested_in_a_place_are_its_civilians(coder):
    _, events = coder.code_text("Chilean troops killed six people in Lima on Monday.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("190", "CHLMIL", "PERCVL")]
    _, events = coder.code_text("Two children were killed in a Chilean airstrike in Lima, Peruvian officials said.",
                                date="2024-05-06")
    assert [(e.event.cameo, e.source[0].country, e.target[0].code) for e in events] == [("190", "CHL", "PERCVL")]
    # A toll names no one who killed; an arrest is the state's.
    _, events = coder.code_text("Six people have been killed in Peru since the conflict began.", date="2024-05-06")
    assert events == []
    _, events = coder.code_text("Two men were arrested in Lima on Monday.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("173", "PER", "PERCVL")]


def test_it_after_a_thing_as_subject_is_that_thing_not_the_last_country(coder):
    _, events = coder.code_text("Chile sent food aid to Peru on Monday. The shipment was small, but it allowed Peru to "
                                "reopen its hospitals. Chile said it would send more.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("070", "CHL", "PER")]


def test_respecting_a_resolution_or_a_ceasefire_cooperates_and_threatens_no_one(coder):
    _, events = coder.code_text("Chile said it would respect the UN resolution.", date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [("AGREE", "CHL", "IGOUNO")]


def test_states_that_ended_are_coded_as_themselves(coder):
    _, events = coder.code_text("Yugoslavia lifted a night curfew in Kosovo. The United States and the Soviet Union "
                                "signed an arms control treaty.", date="1988-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [
        ("0813", "YUG", "XKX"), ("057", "USA", "SUN")]
    _, events = coder.code_text("Armenia, a former Soviet republic, signed a deal with Russia.", date="2024-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == [("ARM", "RUS")]


def test_what_is_reimposed_is_imposed_again(coder):
    _, events = coder.code_text("Chile reimposed sanctions on Peru on Monday.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("163", "CHL", "PER")]


def test_force_being_prepared_is_a_show_of_force_and_being_prepared_to_use_it_a_threat(coder):
    _, events = coder.code_text("Chilean troops were preparing to attack Peru on Monday.", date="2024-05-06")
    assert [(e.event.cameo, e.modality, e.source[0].code, e.target[0].code) for e in events] == [
        ("150", "asserted", "CHLMIL", "PER")]
    _, events = coder.code_text("Chile is prepared to strike Peru if attacked.", date="2024-05-06")
    assert [e.event.cameo for e in events] == ["1384"]


def test_teachers_magistrates_and_mercenaries_are_agents_of_their_sectors(coder):
    _, events = coder.code_text("Chilean teachers went on strike in Santiago. Peruvian mercenaries attacked a Chilean "
                                "magistrate in Arica.", date="2024-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == [("CHLEDU", "CHLGOV"), ("PERUAF", "CHLJUD")]


def test_a_strike_by_people_at_work_is_a_strike_from_work_not_an_attack(coder):
    _, events = coder.code_text("Chilean teachers began a strike on Monday.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("143", "CHLEDU", "CHLGOV")]
    _, events = coder.code_text("Doctors in Peru began an indefinite strike on Monday.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code) for e in events] == [("143", "PERHLH")]


def test_a_threat_one_poses_or_is_is_no_act_of_threatening(coder):
    for text in ("Chilean rebels pose the biggest threat to Peru.", "Chile is a threat to Peru."):
        _, events = coder.code_text(text, date="2024-05-06")
        assert events == [], text
    _, events = coder.code_text("Chile issued a threat to Peru.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("130", "CHL", "PER")]


def test_calling_for_sanctions_against_another_rallies_opposition_to_it(coder):
    _, events = coder.code_text("Chilean lawmakers called for sanctions against Peru on Monday.", date="2024-05-06")
    assert [(e.event.cameo, e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [
        ("113", "ACCUSE", "CHLLEG", "PER")]


def test_chemical_weapons_used_are_mass_violence_and_tear_gas_repression(coder):
    _, events = coder.code_text("Chilean forces used chemical weapons against rebels in Arica.", date="2024-05-06")
    assert [(e.event.cameo, e.event.plover) for e in events] == [("2041", "ASSAULT")]
    _, events = coder.code_text("Chilean police used tear gas against protesters in Arica.", date="2024-05-06")
    assert [e.event.cameo for e in events] == ["175"]


def test_armed_men_ousted_from_a_place_are_fought(coder):
    _, events = coder.code_text("Chilean troops ousted Peruvian rebels from Arica on Monday.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("190", "CHLMIL", "PERREB")]


def test_calling_by_a_name_is_no_call(coder):
    _, events = coder.code_text("Chilean officials call Peru the enemy.", date="2024-05-06")
    assert [e.event.cameo for e in events if e.event.cameo.startswith("04")] == []
    _, events = coder.code_text("Chile called Peru on Monday.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("041", "CHL", "PER")]


def test_what_is_demanded_threatened_or_promised_gives_the_cameo_sub_code(coder):
    _, events = coder.code_text("Chile demanded that Peru release the prisoners. Chile threatened to suspend talks with "
                                "Peru. Bolivia will release the Peruvian prisoners.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code) for e in events] == [("1053", "CHL"), ("134", "CHL"), ("0353", "BOL")]


def test_ethnic_kin_of_a_country_are_not_that_country(coder):
    _, events = coder.code_text("Ethnic Peruvian rebels attacked a police station in Chile on Monday.",
                                date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("190", "CHLREB", "CHLCOP")]


def test_one_who_died_at_anothers_hands_is_the_target(coder):
    _, events = coder.code_text("A Peruvian prisoner died under torture in Chilean police custody on Monday.",
                                date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [
        ("ASSAULT", "CHLCOP", "PERCVL")]


def test_an_indictment_stays_an_accusation_whatever_the_model_reads(coder):
    _, events = coder.code_text("Chile's defence minister was indicted by a Peruvian court on Monday.",
                                date="2024-05-06")
    assert [(e.event.cameo, e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [
        ("115", "ACCUSE", "PERJUD", "CHLGOV")]


def test_people_from_a_party_are_of_its_country(coder):
    _, events = coder.code_text("Doctors from two Chilean aid groups delivered medicine to Peru on Monday.",
                                date="2024-05-06")
    assert [(e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [("AID", "CHLHLH", "PER")]
    _, events = coder.code_text("Chilean aid agencies sent food to Peru.", date="2024-05-06")
    assert [e.source[0].code for e in events] == ["CHLNGO"]


def test_a_speaker_the_parser_hangs_under_a_participle_still_speaks(coder):
    _, events = coder.code_text("The Red Cross operating in Peru said Chilean forces must withdraw from the border.",
                                date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [
        ("100", "NGOHLHIRC", "CHLMIL")]


def test_a_hostile_act_one_would_do_if_another_acts_is_a_threat(coder):
    _, events = coder.code_text("Chile would cut aid to Peru if the elections are delayed.", date="2024-05-06")
    assert [(e.event.cameo, e.event.plover, e.source[0].code, e.target[0].code) for e in events] == [
        ("1311", "THREATEN", "CHL", "PER")]
    _, events = coder.code_text("Chile may halt its mediation between Peru and Bolivia if the talks fail.",
                                date="2024-05-06")
    assert [e.event.plover for e in events] == ["THREATEN"]


def test_an_act_told_in_a_relative_clause_is_its_antecedents(coder):
    _, events = coder.code_text("The Chilean rebels who attacked Peruvian troops on Monday fled.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("190", "CHLREB", "PERMIL")]
    _, events = coder.code_text("Two Chilean journalists who were kidnapped by Peruvian rebels in May are alive.",
                                date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("181", "PERREB", "CHLMED")]
    # What one is, in the simple present, is no act: "Hamas, which advocates ..."
    _, events = coder.code_text("Chile criticised Bolivia, which supports Peruvian rebels.", date="2024-05-06")
    assert [(e.event.cameo[:2], e.source[0].code) for e in events] == [("11", "CHL")]


def test_a_people_on_the_move_makes_no_visit(coder):
    for text in ("Hundreds of Chileans travelled to Peru in 2014.", "A Chilean tourist travelled to Peru in May."):
        _, events = coder.code_text(text, date="2024-05-06")
        assert events == [], text
    _, events = coder.code_text("The Chileans arrived in Lima for talks with Peru.", date="2024-05-06")
    assert [e.event.plover for e in events] == ["CONSULT"]


def test_with_an_enemy_named_fighting_with_names_an_ally(coder):
    _, events = coder.code_text("Chilean rebels fought with Peruvian troops against Bolivian forces on Monday.",
                                date="2024-05-06")
    assert not any(e.target[0].code == "PERMIL" for e in events)
    _, events = coder.code_text("Chilean rebels fought with Peruvian troops on Monday.", date="2024-05-06")
    assert [(e.event.plover, e.target[0].code) for e in events] == [("ASSAULT", "PERMIL")]


def test_a_participle_after_its_noun_is_what_the_noun_does(coder):
    _, events = coder.code_text("Chilean rebels attacking Peruvian troops were repelled on Monday.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("190", "CHLREB", "PERMIL")]


def test_foreign_fighters_are_not_of_the_country_they_fight_in(coder):
    _, events = coder.code_text("Foreign fighters clashed with Chilean troops near Arica.", date="2024-05-06")
    assert not any(a.country == "CHL" for e in events for a in e.source), events
    _, events = coder.code_text("Fighters clashed with Chilean troops near Arica.", date="2024-05-06")
    assert [(e.source[0].code, e.target[0].code) for e in events] == [("CHLUAF", "CHLMIL")]


def test_foreigners_fighting_in_a_country_do_not_fight_the_country(coder):
    _, events = coder.code_text("Chile said its forces would fight on in Peru.", date="2024-05-06")
    assert not any(a.country == "PER" for e in events for a in e.target), events
    _, events = coder.code_text("Chilean troops attacked rebels in Peru on Monday.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("190", "CHLMIL", "PERREB")]


def test_an_order_to_ones_own_forces_is_no_event_between_actors(coder):
    for text in ("The Chilean president says Chilean troops must leave Peru.",
                 "The Chilean president agreed to keep Chilean troops in Peru a little longer."):
        _, events = coder.code_text(text, date="2024-05-06")
        assert not any(e.target[0].code == "CHLMIL" for e in events), events
    _, events = coder.code_text("The Chilean president praised the Chilean army.", date="2024-05-06")
    assert [(e.event.cameo[:2], e.target[0].code) for e in events] == [("05", "CHLMIL")]


def test_the_subject_of_a_clause_joined_on_is_no_target_for_the_model(coder):
    from tacitus.events.proposals import _governed
    doc = coder.nlp("Chileans queued to vote in the elections and the president of Peru called for help.")
    queued, president = doc[1], doc[9]
    assert (queued.text, president.text, president.head.dep_) == ("queued", "president", "conj")
    assert not _governed(president, queued)
    assert _governed(doc[6], queued)  # "the elections": in the first clause


def test_what_the_model_recodes_into_a_matter_at_home_is_dropped(coder):
    from tacitus.events.classifier import Prediction
    from tacitus.pipeline import Coder

    class ReadsAgreement:  # reads every dyad as an agreement
        def predict(self, items):
            return [Prediction("AGREE", None, "030", 0.99, {"AGREE": 0.99}) for _ in items]

    reading = Coder(nlp=coder.nlp, resolver=coder.resolver, classifier=ReadsAgreement())
    _, events = reading.code_text("The Chilean president warned that Chilean troops would advance.",
                                  date="2024-05-06")
    assert events == []
    _, events = reading.code_text("The Chilean president warned that Peruvian troops would advance.",
                                  date="2024-05-06")
    assert [(e.event.cameo, e.target[0].code) for e in events] == [("030", "PERMIL")]


def test_parties_joined_by_a_dash_before_an_event_noun_are_its_sides(coder):
    _, events = coder.code_text("Chile-Peru talks resumed in Geneva on Monday.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("040", "CHL", "PER")]


def test_a_coalition_led_by_a_country_is_its_forces(coder):
    _, events = coder.code_text("The Chilean-led coalition is fighting Peruvian rebels in Bolivia.", date="2024-05-06")
    assert [(e.event.cameo, e.source[0].code, e.target[0].code) for e in events] == [("190", "CHLMIL", "PERREB")]
    _, events = coder.code_text("The ruling coalition in Chile criticised Peru.", date="2024-05-06")
    assert [(e.event.cameo[:2], e.source[0].code) for e in events] == [("11", "CHLGOV")]
