export {
  FEEDBACK_COMMENT_MAX,
  type FeedbackRequest,
  FeedbackRequestSchema,
  FeedbackSchema,
} from '../domain/intake/feedback-schema.ts';
