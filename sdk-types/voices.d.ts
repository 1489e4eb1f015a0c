/** A text-to-speech voice. The host speaks it with a voice of the same language and gender. */
declare class Voice {
  private constructor();
  /** e.g. `Google`, `Amazon.Neural`, `Language`. */
  readonly provider: string;
  readonly name: string;
  /** BCP 47 tag such as `en-US`. */
  readonly language: string;
  readonly gender: 'female' | 'male' | 'neutral';
}

/** Voices for `call.say`, `VoxEngine.createTTSPlayer` and their `language` parameter, by provider. */
declare namespace VoiceList {
  namespace Amazon {
    const en_US_Joanna: Voice; const en_US_Salli: Voice; const en_US_Kimberly: Voice; const en_US_Kendra: Voice;
    const en_US_Ivy: Voice; const en_US_Matthew: Voice; const en_US_Justin: Voice; const en_US_Joey: Voice;
    const en_GB_Amy: Voice; const en_GB_Emma: Voice; const en_GB_Brian: Voice; const en_AU_Nicole: Voice;
    const en_AU_Russell: Voice; const en_IN_Aditi: Voice; const en_IN_Raveena: Voice; const de_DE_Marlene: Voice;
    const de_DE_Vicki: Voice; const de_DE_Hans: Voice; const fr_FR_Celine: Voice; const fr_FR_Lea: Voice;
    const fr_FR_Mathieu: Voice; const fr_CA_Chantal: Voice; const es_ES_Conchita: Voice; const es_ES_Lucia: Voice;
    const es_ES_Enrique: Voice; const es_US_Penelope: Voice; const es_US_Lupe: Voice; const es_US_Miguel: Voice;
    const es_MX_Mia: Voice; const it_IT_Carla: Voice; const it_IT_Bianca: Voice; const it_IT_Giorgio: Voice;
    const pt_BR_Vitoria: Voice; const pt_BR_Camila: Voice; const pt_BR_Ricardo: Voice; const pt_PT_Ines: Voice;
    const pt_PT_Cristiano: Voice; const ru_RU_Tatyana: Voice; const ru_RU_Maxim: Voice; const nl_NL_Lotte: Voice;
    const nl_NL_Ruben: Voice; const pl_PL_Ewa: Voice; const pl_PL_Maja: Voice; const pl_PL_Jan: Voice;
    const pl_PL_Jacek: Voice; const ja_JP_Mizuki: Voice; const ja_JP_Takumi: Voice; const ko_KR_Seoyeon: Voice;
    const tr_TR_Filiz: Voice; const sv_SE_Astrid: Voice; const da_DK_Naja: Voice; const da_DK_Mads: Voice;
    const nb_NO_Liv: Voice; const cmn_CN_Zhiyu: Voice; const arb_Zeina: Voice;
    namespace Neural {
      const en_US_Joanna: Voice; const en_US_Salli: Voice; const en_US_Kimberly: Voice; const en_US_Kendra: Voice;
      const en_US_Ivy: Voice; const en_US_Ruth: Voice; const en_US_Danielle: Voice; const en_US_Matthew: Voice;
      const en_US_Justin: Voice; const en_US_Joey: Voice; const en_US_Kevin: Voice; const en_US_Gregory: Voice;
      const en_US_Stephen: Voice; const en_GB_Amy: Voice; const en_GB_Emma: Voice; const en_GB_Brian: Voice;
      const en_GB_Arthur: Voice; const en_AU_Olivia: Voice; const de_DE_Vicki: Voice; const de_DE_Daniel: Voice;
      const fr_FR_Lea: Voice; const fr_FR_Remi: Voice; const es_ES_Lucia: Voice; const es_ES_Sergio: Voice;
      const es_US_Lupe: Voice; const es_US_Pedro: Voice; const it_IT_Bianca: Voice; const it_IT_Adriano: Voice;
      const pt_BR_Camila: Voice; const pt_BR_Thiago: Voice;
    }
  }
  namespace Google {
    const en_US_Standard_A: Voice; const en_US_Standard_B: Voice; const en_US_Standard_C: Voice;
    const en_US_Standard_D: Voice; const en_US_Standard_E: Voice; const en_US_Standard_F: Voice;
    const en_US_Wavenet_A: Voice; const en_US_Wavenet_C: Voice; const en_US_Wavenet_D: Voice;
    const en_US_Wavenet_F: Voice; const en_US_Neural2_C: Voice; const en_US_Neural2_D: Voice;
    const en_GB_Standard_A: Voice; const en_GB_Standard_B: Voice; const en_GB_Wavenet_A: Voice;
    const en_GB_Wavenet_B: Voice; const en_AU_Standard_A: Voice; const en_AU_Standard_B: Voice;
    const en_IN_Standard_A: Voice; const en_IN_Standard_B: Voice; const de_DE_Standard_A: Voice;
    const de_DE_Standard_B: Voice; const de_DE_Wavenet_A: Voice; const de_DE_Wavenet_B: Voice;
    const fr_FR_Standard_A: Voice; const fr_FR_Standard_B: Voice; const fr_FR_Wavenet_A: Voice;
    const fr_FR_Wavenet_B: Voice; const es_ES_Standard_A: Voice; const es_ES_Standard_B: Voice;
    const it_IT_Standard_A: Voice; const it_IT_Standard_C: Voice; const ru_RU_Standard_A: Voice;
    const ru_RU_Standard_B: Voice; const ru_RU_Wavenet_A: Voice; const ru_RU_Wavenet_B: Voice;
    const pt_BR_Standard_A: Voice; const nl_NL_Standard_A: Voice; const ja_JP_Standard_A: Voice;
    const cmn_CN_Standard_A: Voice;
  }
  namespace Microsoft {
    namespace Neural {
      const en_US_JennyNeural: Voice; const en_US_AriaNeural: Voice; const en_US_GuyNeural: Voice;
      const en_US_DavisNeural: Voice; const en_GB_SoniaNeural: Voice; const en_GB_RyanNeural: Voice;
      const en_AU_NatashaNeural: Voice; const de_DE_KatjaNeural: Voice; const de_DE_ConradNeural: Voice;
      const fr_FR_DeniseNeural: Voice; const fr_FR_HenriNeural: Voice; const es_ES_ElviraNeural: Voice;
      const es_ES_AlvaroNeural: Voice; const es_MX_DaliaNeural: Voice; const es_MX_JorgeNeural: Voice;
      const it_IT_ElsaNeural: Voice; const it_IT_DiegoNeural: Voice; const ru_RU_SvetlanaNeural: Voice;
      const ru_RU_DmitryNeural: Voice; const pt_BR_FranciscaNeural: Voice; const nl_NL_ColetteNeural: Voice;
      const pl_PL_ZofiaNeural: Voice;
    }
  }
  namespace Yandex {
    namespace Neural {
      const ru_RU_alena: Voice; const ru_RU_jane: Voice; const ru_RU_omazh: Voice; const ru_RU_marina: Voice;
      const ru_RU_filipp: Voice; const ru_RU_ermil: Voice; const ru_RU_zahar: Voice; const en_US_john: Voice;
      const de_DE_lea: Voice;
    }
  }
  /** The freemium voices. */
  namespace Default {
    const en_US_Female: Voice; const en_US_Male: Voice; const ru_RU_Female: Voice; const ru_RU_Male: Voice;
    const de_DE_Female: Voice; const de_DE_Male: Voice; const es_ES_Female: Voice; const es_ES_Male: Voice;
    const it_IT_Female: Voice; const it_IT_Male: Voice; const nl_NL_Female: Voice; const nl_NL_Male: Voice;
    const da_DK_Female: Voice; const da_DK_Male: Voice; const pl_PL_Female: Voice; const pl_PL_Male: Voice;
    const pt_PT_Female: Voice; const pt_PT_Male: Voice; const ja_JP_Female: Voice; const ja_JP_Male: Voice;
    const hi_IN_Female: Voice; const ko_KR_Female: Voice; const nb_NO_Female: Voice; const ro_RO_Female: Voice;
    const sv_SE_Female: Voice; const tr_TR_Female: Voice; const cmn_CN_Female: Voice;
  }
  namespace ElevenLabs {
    const Alice: Voice; const Aria: Voice; const Bill: Voice; const Brian: Voice; const Charlie: Voice;
    const Daniel: Voice; const George: Voice; const Jessica: Voice; const Laura: Voice; const Liam: Voice;
    const Lily: Voice; const Sarah: Voice; const Will: Voice;
  }
}

/** The older voice constants, as in `call.say('Hello', Language.US_ENGLISH_FEMALE)`. */
declare namespace Language {
  const US_ENGLISH_FEMALE: Voice; const US_ENGLISH_MALE: Voice; const UK_ENGLISH_FEMALE: Voice;
  const UK_ENGLISH_MALE: Voice; const AU_ENGLISH_FEMALE: Voice; const AU_ENGLISH_MALE: Voice;
  const IN_ENGLISH_FEMALE: Voice; const RU_RUSSIAN_FEMALE: Voice; const RU_RUSSIAN_MALE: Voice;
  const DE_GERMAN_FEMALE: Voice; const DE_GERMAN_MALE: Voice; const FR_FRENCH_FEMALE: Voice;
  const FR_FRENCH_MALE: Voice; const CA_FRENCH_FEMALE: Voice; const ES_SPANISH_FEMALE: Voice;
  const ES_SPANISH_MALE: Voice; const US_SPANISH_FEMALE: Voice; const US_SPANISH_MALE: Voice;
  const MX_SPANISH_FEMALE: Voice; const IT_ITALIAN_FEMALE: Voice; const IT_ITALIAN_MALE: Voice;
  const BR_PORTUGUESE_FEMALE: Voice; const BR_PORTUGUESE_MALE: Voice; const EU_PORTUGUESE_FEMALE: Voice;
  const NL_DUTCH_FEMALE: Voice; const NL_DUTCH_MALE: Voice; const PL_POLISH_FEMALE: Voice;
  const PL_POLISH_MALE: Voice; const SE_SWEDISH_FEMALE: Voice; const DK_DANISH_FEMALE: Voice;
  const DK_DANISH_MALE: Voice; const NO_NORWEGIAN_FEMALE: Voice; const TR_TURKISH_FEMALE: Voice;
  const JP_JAPANESE_FEMALE: Voice; const JP_JAPANESE_MALE: Voice; const KR_KOREAN_FEMALE: Voice;
  const CN_CHINESE_FEMALE: Voice; const RO_ROMANIAN_FEMALE: Voice;
}
