export { customerPolicy as contactPolicy } from '../customers/customer.policy.js';
