package dev.photovault.takeout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.takeout.TakeoutNames.Candidate;
import dev.photovault.takeout.TakeoutNames.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The name rules alone: clipping, counters, edited suffixes, companions. */
class TakeoutNamesTest {

    private static List<String> names(String media) {
        return TakeoutNames.sidecarCandidates(media).stream().map(Candidate::name).toList();
    }

    private static Rule rule(String media, String json) {
        return TakeoutNames.sidecarCandidates(media).stream().filter(c -> c.name().equals(json)).findFirst()
                .map(Candidate::rule).orElse(null);
    }

    @Test
    void clipsInUtf16UnitsWithoutSplittingASurrogatePair() {
        assertThat(TakeoutNames.clip("abc", 46)).isEqualTo("abc");
        String emoji = "e".repeat(45) + "😀.jpg";
        assertThat(TakeoutNames.clip(emoji, 46)).isEqualTo("e".repeat(45));
        assertThat(TakeoutNames.clip("e".repeat(44) + "😀.jpg", 46)).isEqualTo("e".repeat(44) + "😀");
    }

    @Test
    void predictsTheSupplementalNameClippedAtEveryLength() {
        for (int length = 5; length <= 60; length++) {
            String media = "x".repeat(length - 4) + ".jpg";
            String expected = TakeoutNames.clip(media + ".supplemental-metadata", 46) + ".json";
            assertThat(names(media)).as("length %d", length).contains(expected);
            assertThat(names(media)).contains(media + ".supplemental-metadata.json", TakeoutNames.clip(media, 46) + ".json");
        }
        assertThat(rule("IMG_0042.jpg", "IMG_0042.jpg.supplemental-metadata.json")).isEqualTo(Rule.SUPPLEMENTAL);
        assertThat(rule("A_very_long_file_name_from_some_messenger_app_2.jpg",
                "A_very_long_file_name_from_some_messenger_app_.json")).isEqualTo(Rule.LEGACY_CLIPPED);
    }

    @Test
    void aClippedSupplementalSuffixOfAnyLengthIsFound() {
        assertThat(TakeoutNames.clippedSupplementalKeys("x.jpg.suppl.json")).contains("x.jpg\0");
        assertThat(TakeoutNames.clippedSupplementalKeys("x.jpg..json")).contains("x.jpg\0");
        assertThat(TakeoutNames.clippedSupplementalKeys("x.jpg.supple(1).json")).contains("x.jpg\0(1)");
        assertThat(TakeoutNames.clippedSupplementalKeys("x.jpg.json")).isEmpty();
    }

    @Test
    void countersInEitherPlaceAndNeverAcrossDuplicates() {
        assertThat(rule("holiday(1).jpg", "holiday.jpg(1).json")).isEqualTo(Rule.COUNTER_LEGACY);
        assertThat(rule("holiday(1).jpg", "holiday.jpg.supplemental-metadata(1).json"))
                .isEqualTo(Rule.COUNTER_SUPPLEMENTAL);
        assertThat(rule("holiday (2).jpg", "holiday (2).jpg.supplemental-metadata.json")).isEqualTo(Rule.SUPPLEMENTAL);
        assertThat(rule("2025-04-28(3516).jpg", "2025-04-28.jpg.supplemental-metadata(3516).json"))
                .isEqualTo(Rule.COUNTER_SUPPLEMENTAL);
        assertThat(rule("Screenshot (38).png", "Screenshot (38).png.json")).isEqualTo(Rule.LEGACY);
        assertThat(names("photo.jpg")).doesNotContain("photo.jpg(1).json");
        assertThat(names("photo(1).jpg")).doesNotContain("photo.jpg.json", "photo.jpg.supplemental-metadata.json");
        assertThat(names("photo_1.jpg")).doesNotContain("photo.jpg.json");
    }

    @Test
    void extensionlessAndExtraExtensions() {
        assertThat(rule("19990704.jpg", "19990704.json")).isEqualTo(Rule.EXTENSIONLESS);
        assertThat(rule("image.png.jpg", "image.png.json")).isEqualTo(Rule.EXTRA_EXTENSION);
    }

    @Test
    void editedSuffixesLocalizedAndClipped() {
        assertThat(TakeoutNames.originalsOfEdited("IMG_1-edited.jpg")).containsExactly("IMG_1.jpg");
        assertThat(TakeoutNames.originalsOfEdited("IMG_1-bearbeitet.JPG")).containsExactly("IMG_1.JPG");
        assertThat(TakeoutNames.originalsOfEdited("IMG_1-編集済み.jpg")).containsExactly("IMG_1.jpg");
        String stem40 = "Vacaciones_en_la_playa_con_la_familia_01";
        assertThat(TakeoutNames.originalsOfEdited(stem40 + "-ha edi.JPG")).contains(stem40 + ".JPG");
        assertThat(TakeoutNames.originalsOfEdited("short-ha edi.JPG")).isEmpty();
        assertThat(TakeoutNames.originalsOfEdited("IMG_1.jpg")).isEmpty();
    }

    @Test
    void companionsByName() {
        assertThat(TakeoutNames.stillsOfCompanion("PXL_1.MP")).contains("PXL_1.MP.jpg");
        assertThat(TakeoutNames.stillsOfCompanion("MVIMG_1")).contains("MVIMG_1.jpg");
        assertThat(TakeoutNames.stillsOfCompanion("IMG_1.MOV")).contains("IMG_1.HEIC", "IMG_1.JPG");
        assertThat(TakeoutNames.stillsOfCompanion("IMG_1.jpg")).isEmpty();
    }

    @Test
    void fileNameDates() {
        assertThat(FileNameDates.parse("IMG_20190919_053857.jpg")).hasToString("2019-09-19T05:38:57Z");
        assertThat(FileNameDates.parse("Screenshot_20190919-053857.png")).hasToString("2019-09-19T05:38:57Z");
        assertThat(FileNameDates.parse("20180126114752.jpg")).hasToString("2018-01-26T11:47:52Z");
        assertThat(FileNameDates.parse("PXL_20230101_123456789.jpg")).hasToString("2023-01-01T12:34:56Z");
        assertThat(FileNameDates.parse("WhatsApp Image 2019-09-19 at 05.38.57.jpeg")).hasToString("2019-09-19T05:38:57Z");
        assertThat(FileNameDates.parse("IMG-20190919-WA0001.jpg")).hasToString("2019-09-19T00:00:00Z");
        assertThat(FileNameDates.parse("holiday.jpg")).isNull();
        assertThat(FileNameDates.parse("IMG_0042.jpg")).isNull();
    }
}
