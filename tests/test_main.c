/* test_main.c - the test runner of dam.h: one translation unit holds the
   implementation and every tests/test_<section>.c; the list below is explicit.
   Usage: build/tests/test_main [substring]   (runs the tests whose name contains it) */
#include <string.h>
#include <stdlib.h>
#include "test_stb.h" /* image files (test_scenario.c): the declarations; the bodies at the end */
#define DAM_IMPLEMENTATION
#define DAM_TESTING /* the reference products of test_gemm.c */
#include "../dam.h"
#include "test.h"

#define DAM_TEST_DOUBLE (sizeof(dam_real) == sizeof(double))

#include "test_rng.c"
#include "test_gemm.c"
#include "test_data.c"
#include "test_hopfield.c"
#include "test_dense.c"
#include "test_train.c"
#include "test_sequence.c"
#include "test_scenario.c"
#include "test_alloc.c"
#include "test_checkpoint.c"
#include "test_fixture.c"
#include "test_custom.c"
#include "test_gif.c"

static const test_case tests[] = {
#define T(name) {#name, name}
    T(test_rng_golden_values),
    T(test_rng_below_and_permutation),
    T(test_rng_normal_moments),
    T(test_result_strings_complete),
    T(test_gemm_matches_reference),
    T(test_gemm_thread_count_bit_identical),
    T(test_gemm_signed_route_matches_dense),
    T(test_idx_valid_tiny_file),
    T(test_idx_hostile_files),
    T(test_idx_load_missing_file),
    T(test_dataset_from_idx_and_labels),
    T(test_dataset_permuted_tasks),
    T(test_dataset_bad_shapes),
    T(test_dataset_load_idx_streams_the_same),
    T(test_image_rotate_identity_and_quarter_turns),
    T(test_images_load_idx_keeps_grey),
    T(test_split_tasks_hold_their_classes),
    T(test_images_holdout_takes_every_class),
    T(test_classify_tie_invalid_and_allowed),
    T(test_images_load_folder_and_refusals),
    T(test_split_task_beats_split_class),
    T(test_write_grid_pgm),
    T(test_hopfield_hand_worked_n4),
    T(test_hopfield_async_never_raises_energy),
    T(test_hopfield_patterns_stable_below_capacity),
    T(test_hopfield_delta_stores_beyond_hebbian),
    T(test_hopfield_delta_margin_reaches_margin),
    T(test_hopfield_pseudo_buffer_fixed_points_once),
    T(test_dense_interaction_array_matches_scalar),
    T(test_dense_delta_is_energy_difference),
    T(test_dense_async_never_raises_energy),
    T(test_dense_gradient_matches_finite_differences),
    T(test_dense_recall_beats_hebbian_at_high_load),
    T(test_dense_init_rejects_bad_parameters),
    T(test_dense_relax_allocates_nothing),
    T(test_train_rejects_bad_parameters),
    T(test_train_learns_synthetic_classes),
    T(test_train_target_convention_leaks),
    T(test_train_same_seed_bit_identical),
    T(test_train_progress_and_cancel),
    T(test_train_step_hook_dtheta_only_when_kept),
    T(test_train_divergence_detected),
    T(test_train_temperature_and_zero_defaults),
    T(test_alloc_failure_every_step),
    T(test_checkpoint_dense_and_hopfield_round_trip),
    T(test_checkpoint_sequence_killed_and_resumed),
    T(test_checkpoint_sequence_refusals_change_nothing),
    T(test_checkpoint_sequence_key_refuses_other_runs),
    T(test_checkpoint_old_version_refused),
    T(test_checkpoint_dense_load_matching),
    T(test_checkpoint_sequence_counters_out_of_range),
    T(test_checkpoint_keys_unchanged),
    T(test_checkpoint_sequence_write_failure_in_why),
    T(test_fixture_techniques_bit_identical),
    T(test_seq_metrics_hand_computed),
    T(test_seq_incremental_accuracy_hand_computed),
    T(test_seq_tables_combine_and_refuse),
    T(test_custom_technique_gradient_and_checkpoint),
    T(test_seq_rejects_bad_settings),
    T(test_seq_vanilla_forgets),
    T(test_seq_techniques_keep_first_task),
    T(test_seq_penalty_gradients_match_finite_differences),
    T(test_seq_fisher_shortcut_matches_brute_force),
    T(test_gem_dual_matches_enumeration),
    T(test_gem_projection_satisfies_constraints),
    T(test_agem_projection_closed_form),
    T(test_hopfield_sequence_forgetting_and_pseudorehearsal),
    T(test_seq_class_pseudo_items_beat_vanilla_and_guard),
    T(test_seq_class_densities_by_hand),
    T(test_seq_class_pseudo_checkpoint_resume),
    T(test_seq_soft_target_loss_and_gradient),
    T(test_seq_soft_pseudo_items_run),
    T(test_seq_same_seed_bit_identical),
    T(test_seq_memory_bounded),
    T(test_gif_roundtrip),
    T(test_gif_font_draws_glyphs),
#undef T
};

int main(int argc, char **argv)
{
    return test_run(tests, (int)(sizeof tests / sizeof tests[0]), argc > 1 ? argv[1] : NULL);
}

#define TEST_STB_BODIES
#include "test_stb.h"
