/**
 * `VoiceList.<Provider>.<voice>`: the voices that published scenarios name most, per provider, with the language
 * and gender the host maps onto its TTS engine. `sdk-types/voices.d.ts` declares the same names (a unit test keeps
 * the two in step).
 */
import { lazyNamespace, type Voice, voiceTable } from './voice.js';

const amazon = (): Readonly<Record<string, Voice>> =>
  voiceTable(
    'Amazon',
    `en_US_Joanna/F en_US_Salli/F en_US_Kimberly/F en_US_Kendra/F en_US_Ivy/F en_US_Matthew/M en_US_Justin/M
     en_US_Joey/M en_GB_Amy/F en_GB_Emma/F en_GB_Brian/M en_AU_Nicole/F en_AU_Russell/M en_IN_Aditi/F en_IN_Raveena/F
     de_DE_Marlene/F de_DE_Vicki/F de_DE_Hans/M fr_FR_Celine/F fr_FR_Lea/F fr_FR_Mathieu/M fr_CA_Chantal/F
     es_ES_Conchita/F es_ES_Lucia/F es_ES_Enrique/M es_US_Penelope/F es_US_Lupe/F es_US_Miguel/M es_MX_Mia/F
     it_IT_Carla/F it_IT_Bianca/F it_IT_Giorgio/M pt_BR_Vitoria/F pt_BR_Camila/F pt_BR_Ricardo/M pt_PT_Ines/F
     pt_PT_Cristiano/M ru_RU_Tatyana/F ru_RU_Maxim/M nl_NL_Lotte/F nl_NL_Ruben/M pl_PL_Ewa/F pl_PL_Maja/F pl_PL_Jan/M
     pl_PL_Jacek/M ja_JP_Mizuki/F ja_JP_Takumi/M ko_KR_Seoyeon/F tr_TR_Filiz/F sv_SE_Astrid/F da_DK_Naja/F
     da_DK_Mads/M nb_NO_Liv/F cmn_CN_Zhiyu/F arb_Zeina/F/ar`,
  );

const amazonNeural = (): Readonly<Record<string, Voice>> =>
  voiceTable(
    'Amazon.Neural',
    `en_US_Joanna/F en_US_Salli/F en_US_Kimberly/F en_US_Kendra/F en_US_Ivy/F en_US_Ruth/F en_US_Danielle/F
     en_US_Matthew/M en_US_Justin/M en_US_Joey/M en_US_Kevin/M en_US_Gregory/M en_US_Stephen/M en_GB_Amy/F
     en_GB_Emma/F en_GB_Brian/M en_GB_Arthur/M en_AU_Olivia/F de_DE_Vicki/F de_DE_Daniel/M fr_FR_Lea/F fr_FR_Remi/M
     es_ES_Lucia/F es_ES_Sergio/M es_US_Lupe/F es_US_Pedro/M it_IT_Bianca/F it_IT_Adriano/M pt_BR_Camila/F
     pt_BR_Thiago/M`,
  );

const google = (): Readonly<Record<string, Voice>> =>
  voiceTable(
    'Google',
    `en_US_Standard_A/M en_US_Standard_B/M en_US_Standard_C/F en_US_Standard_D/M en_US_Standard_E/F
     en_US_Standard_F/F en_US_Wavenet_A/M en_US_Wavenet_C/F en_US_Wavenet_D/M en_US_Wavenet_F/F en_US_Neural2_C/F
     en_US_Neural2_D/M en_GB_Standard_A/F en_GB_Standard_B/M en_GB_Wavenet_A/F en_GB_Wavenet_B/M en_AU_Standard_A/F
     en_AU_Standard_B/M en_IN_Standard_A/F en_IN_Standard_B/M de_DE_Standard_A/F de_DE_Standard_B/M
     de_DE_Wavenet_A/F de_DE_Wavenet_B/M fr_FR_Standard_A/F fr_FR_Standard_B/M fr_FR_Wavenet_A/F fr_FR_Wavenet_B/M
     es_ES_Standard_A/F es_ES_Standard_B/M it_IT_Standard_A/F it_IT_Standard_C/M ru_RU_Standard_A/F
     ru_RU_Standard_B/M ru_RU_Wavenet_A/F ru_RU_Wavenet_B/M pt_BR_Standard_A/F nl_NL_Standard_A/F
     ja_JP_Standard_A/F cmn_CN_Standard_A/F`,
  );

const microsoftNeural = (): Readonly<Record<string, Voice>> =>
  voiceTable(
    'Microsoft.Neural',
    `en_US_JennyNeural/F en_US_AriaNeural/F en_US_GuyNeural/M en_US_DavisNeural/M en_GB_SoniaNeural/F
     en_GB_RyanNeural/M en_AU_NatashaNeural/F de_DE_KatjaNeural/F de_DE_ConradNeural/M fr_FR_DeniseNeural/F
     fr_FR_HenriNeural/M es_ES_ElviraNeural/F es_ES_AlvaroNeural/M es_MX_DaliaNeural/F es_MX_JorgeNeural/M
     it_IT_ElsaNeural/F it_IT_DiegoNeural/M ru_RU_SvetlanaNeural/F ru_RU_DmitryNeural/M pt_BR_FranciscaNeural/F
     nl_NL_ColetteNeural/F pl_PL_ZofiaNeural/F`,
  );

const yandexNeural = (): Readonly<Record<string, Voice>> =>
  voiceTable(
    'Yandex.Neural',
    `ru_RU_alena/F ru_RU_jane/F ru_RU_omazh/F ru_RU_marina/F ru_RU_filipp/M ru_RU_ermil/M ru_RU_zahar/M
     en_US_john/M de_DE_lea/F`,
  );

const defaultVoices = (): Readonly<Record<string, Voice>> =>
  voiceTable(
    'Default',
    `en_US_Female/F en_US_Male/M ru_RU_Female/F ru_RU_Male/M de_DE_Female/F de_DE_Male/M es_ES_Female/F
     es_ES_Male/M it_IT_Female/F it_IT_Male/M nl_NL_Female/F nl_NL_Male/M da_DK_Female/F da_DK_Male/M
     pl_PL_Female/F pl_PL_Male/M pt_PT_Female/F pt_PT_Male/M ja_JP_Female/F ja_JP_Male/M hi_IN_Female/F
     ko_KR_Female/F nb_NO_Female/F ro_RO_Female/F sv_SE_Female/F tr_TR_Female/F cmn_CN_Female/F`,
  );

const elevenLabs = (): Readonly<Record<string, Voice>> =>
  voiceTable(
    'ElevenLabs',
    `Alice/F/en-GB Aria/F/en-US Bill/M/en-US Brian/M/en-US Charlie/M/en-AU Daniel/M/en-GB George/M/en-GB
     Jessica/F/en-US Laura/F/en-US Liam/M/en-US Lily/F/en-GB Sarah/F/en-US Will/M/en-US`,
  );

let voiceList: Readonly<Record<string, unknown>> | undefined;

/** The `VoiceList` global, made on first use like `Language`: most scenarios never name a voice. */
export function voiceListConstants(): Readonly<Record<string, unknown>> {
  return (voiceList ??= lazyNamespace({
    Amazon: () => Object.freeze({ ...amazon(), Neural: amazonNeural() }),
    Google: google,
    Microsoft: () => lazyNamespace({ Neural: microsoftNeural }),
    Yandex: () => lazyNamespace({ Neural: yandexNeural }),
    Default: defaultVoices,
    ElevenLabs: elevenLabs,
  }));
}
